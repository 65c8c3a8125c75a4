using MeioForecast.Core.Demand;

namespace MeioForecast.Forecasting.Ssa;

/// <summary>The fitted <see cref="SsaForecaster"/>: one SSA fit (or recorded fallback) per sku-node.</summary>
public sealed class SsaForecastModel : IForecastModel
{
    private readonly IReadOnlyList<SsaSeriesFit> _fits;
    private readonly SsaOptions _options;

    internal SsaForecastModel(IReadOnlyList<SsaSeriesFit> fits, SsaOptions options)
    {
        _fits = fits;
        _options = options;
    }

    /// <summary>Per sku-node diagnostics: window, rank, explained share, signals, or the fallback used.</summary>
    public IReadOnlyList<SsaSeriesSummary> Summaries => _fits.Select(f => f.Summary).ToArray();

    /// <summary>The fitted series, in order.</summary>
    internal IReadOnlyList<SsaSeriesFit> Fits => _fits;

    /// <inheritdoc />
    public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var result = new SeriesForecast[_fits.Count];
        // Validate future signals first, in series order, so the error is deterministic.
        var future = new IReadOnlyList<double[]>[_fits.Count];
        for (var i = 0; i < _fits.Count; i++)
        {
            future[i] = _fits[i].FutureSignals(request.Signals ?? SignalTable.Empty, request.Horizon);
        }

        Parallel.For(0, _fits.Count, i => result[i] = _fits[i].Predict(request, future[i], _options));
        return result;
    }
}
