using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;

namespace MeioForecast.Forecasting.Trained;

/// <summary>Options of a trained forecasting stage (<see cref="TrainedStage"/>): the selection stage and its GBDT candidate.</summary>
public sealed record StageOptions
{
    /// <summary>Options of <see cref="SelectingForecaster"/>. Default: its defaults (the planning run's stage).</summary>
    public SelectionOptions Selection { get; init; } = new();

    /// <summary>Options of the <see cref="GlobalGbdtForecaster"/> candidate. Default: its defaults (the planning run's stage).</summary>
    public GlobalGbdtOptions Gbdt { get; init; } = new();

    /// <summary>
    /// Rolling origins K of the accuracy backtest recorded with a trained stage (<see cref="StageBacktest"/>); each
    /// costs one more fit of the whole stage. Default 1. Range 1..52.
    /// </summary>
    public int BacktestOrigins { get; init; } = 1;

    /// <summary>
    /// These options with <paramref name="data"/>'s availability signal where they name none, so that a trained stage
    /// records the signal it was trained with and is served the same way.
    /// </summary>
    public StageOptions For(ForecastTrainingData data) => this with { Selection = Selection.For(data), Gbdt = Gbdt.For(data) };

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Selection);
        ArgumentNullException.ThrowIfNull(Gbdt);
        Selection.Validate();
        Gbdt.Validate();
        if (BacktestOrigins is < 1 or > 52)
        {
            throw new ArgumentOutOfRangeException(nameof(BacktestOrigins), BacktestOrigins, "BacktestOrigins must be in 1..52.");
        }
    }
}
