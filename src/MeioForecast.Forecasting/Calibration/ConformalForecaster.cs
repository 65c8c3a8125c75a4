using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Backtesting;

namespace MeioForecast.Forecasting.Calibration;

/// <summary>
/// Wraps a forecaster with split-conformal calibration (<see cref="ConformalCalibrator"/>): Fit backtests the inner
/// forecaster over <see cref="ConformalOptions.Origins"/> rolling origins of the training history, fits the
/// adjustments on those held-out outcomes, then fits the inner forecaster on the whole history.
/// </summary>
public sealed class ConformalForecaster : IForecaster
{
    private readonly IForecaster _inner;
    private readonly ConformalOptions _options;

    /// <summary>Creates the wrapper with validated options.</summary>
    public ConformalForecaster(IForecaster inner, ConformalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _options = options ?? new ConformalOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => _inner.Name + "+conformal";

    /// <summary>
    /// Fits for the levels of the requests to come: the calibration backtest scores <paramref name="data"/> at the
    /// default protocol levels unless <see cref="Fit(ForecastTrainingData, BacktestOptions)"/> names others.
    /// </summary>
    public IForecastModel Fit(ForecastTrainingData data) => Fit(data, new BacktestOptions());

    /// <summary>Fits with the calibration backtest's levels taken from <paramref name="levels"/>.</summary>
    public IForecastModel Fit(ForecastTrainingData data, BacktestOptions levels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(levels);
        var backtest = RollingOriginBacktester.Run(_inner, data, levels with
        {
            Origins = _options.Origins,
            Horizon = _options.Horizon,
            Step = _options.Step,
            Seed = data.Seed,
        });
        var volumes = data.Series.ToDictionary(s => s.Key, s => ConformalCalibrator.Volume(s, VolumeWindow(data.Period)));
        var calibration = ConformalCalibrator.Fit(backtest.Outcomes, _options, volumeOf: k => volumes[k]);
        return new Model(_inner.Fit(data), calibration, volumes);
    }

    /// <summary>The recent history behind a sku-node's volume: 91 days or 26 weeks (half a year).</summary>
    private static int VolumeWindow(PeriodKind period) => period == PeriodKind.Day ? 91 : 26;

    private sealed class Model(IForecastModel inner, QuantileCalibration calibration, IReadOnlyDictionary<SkuNode, double> volumes) : IForecastModel
    {
        public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (!request.Levels.SequenceEqual(calibration.Levels))
            {
                throw new ArgumentException($"This calibrated model serves levels {string.Join(", ", calibration.Levels)} only.", nameof(request));
            }

            return inner.Predict(request).Select(f => calibration.Apply(f, volume: volumes.TryGetValue(f.Key, out var v) ? v : null)).ToArray();
        }
    }
}
