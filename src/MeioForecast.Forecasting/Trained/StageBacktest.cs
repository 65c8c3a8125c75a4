using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Gbt;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;

namespace MeioForecast.Forecasting.Trained;

/// <summary>
/// The accuracy recorded with a trained stage: a rolling-origin backtest (<see cref="RollingOriginBacktester"/>, Tashman
/// 2000, IJF 16) of the whole stage trained from scratch at each origin, K = <see cref="StageOptions.BacktestOrigins"/>
/// origins, the last one H = the selection horizon before the end of the data, scored at the protocol levels of
/// <see cref="BacktestOptions"/> (pinball per level, WSPL, 80% interval coverage).
/// </summary>
public static class StageBacktest
{
    /// <summary>Runs the backtest of the stage with <paramref name="options"/> on <paramref name="data"/>.</summary>
    public static BacktestResult Run(ForecastTrainingData data, StageOptions? options = null, IProgress<GbdtProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options = (options ?? new StageOptions()).For(data);
        options.Validate();
        var stage = SelectingForecaster.CreateDefault(options.Selection, new GlobalGbdtForecaster(options.Gbdt, progress));
        var bt = new BacktestOptions
        {
            Origins = options.BacktestOrigins,
            Horizon = options.Selection.HorizonFor(data.Period),
            Seed = data.Seed,
            ScoreMaskSignal = options.Selection.ScoreMaskSignal,
        };
        return RollingOriginBacktester.Run(stage, data, bt);
    }
}
