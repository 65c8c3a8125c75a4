using MeioForecast.Core.Demand;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Baseline;

namespace MeioForecast.Forecasting.Ssa;

/// <summary>
/// SSA forecaster: Basic SSA with recurrent (LRR) forecasting per sku-node (Golyandina &amp; Korobeynikov 2014,
/// Computational Statistics &amp; Data Analysis 71, arXiv:1206.6910; see <see cref="SsaDecomposition"/>), with
/// <list type="bullet">
/// <item>exogenous effects: known-in-advance signals enter by backfitting (Hastie &amp; Tibshirani 1990): a ridge
/// regression of the series on the signals, SSA on the signal-adjusted series, a second regression of the series minus
/// the SSA reconstruction, and SSA again; the forecast is the SSA forecast of the adjusted series plus the signal effect
/// at the future signal values in the request;</item>
/// <item>few seasonal cycles: the seasonal difference a_t - a_{t-m}, centred, is decomposed instead (see
/// <see cref="SsaDifferencing"/>), forecast back as a_{T+h-m} + z_{T+h};</item>
/// <item>rank by backtest on held-out origins (eigenvectors fitted before them), with a guard against explosive LRR
/// roots;</item>
/// <item>non-Gaussian bands: quantile p at step h is the point forecast plus the empirical p-quantile (Hyndman &amp; Fan
/// 1996, type 7) of the h-step errors of forecasts from past origins (every in-sample origin by default, see
/// <see cref="SsaOptions.InSampleErrors"/>), clipped at zero, so skewed demand gets skewed bands;</item>
/// <item>fallbacks recorded in <see cref="SeriesForecast.Method"/>: histories shorter than
/// <see cref="SsaOptions.MinHistory"/> or with more than <see cref="SsaOptions.IntermittentZeroShare"/> zero periods
/// (intermittent demand, all-zero series) are served by <see cref="SeasonalEmpiricalForecaster"/>.</item>
/// </list>
/// Missing periods are zero demand (the <see cref="DemandSeries"/> convention). No random choice: the seed is unused.
/// </summary>
public sealed class SsaForecaster : IForecaster
{
    private readonly SsaOptions _options;

    /// <summary>Creates the forecaster with validated options.</summary>
    public SsaForecaster(SsaOptions? options = null)
    {
        _options = options ?? new SsaOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "ssa";

    /// <inheritdoc />
    public IForecastModel Fit(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var signals = _options.Signals?.ToArray()
            ?? data.Signals.Kinds.Where(k => k.Value == SignalKind.KnownInAdvance).Select(k => k.Key).ToArray();
        foreach (var s in signals)
        {
            if (!data.Signals.Kinds.ContainsKey(s))
            {
                throw new ArgumentException($"Signal '{s}' named in SsaOptions.Signals is not in the signal table.", nameof(data));
            }
        }

        var fits = new SsaSeriesFit[data.Series.Count];
        Parallel.For(0, fits.Length, i => fits[i] = SsaSeriesFit.Fit(data.Series[i], data.Signals, signals, _options));
        return new SsaForecastModel(fits, _options);
    }
}
