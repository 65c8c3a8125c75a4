using MeioForecast.Forecasting.Backtesting;

namespace MeioForecast.Storage.Models;

/// <summary>
/// Backtest accuracy recorded with a registered model (<see cref="MeioForecast.Forecasting.Trained.StageBacktest"/>):
/// pinball loss per level in demand units, WSPL (M5 weighted scaled pinball loss) and the 80% central interval's coverage
/// and mean width.
/// </summary>
/// <param name="Origins">Backtest origins K.</param>
/// <param name="Horizon">Periods forecast per origin.</param>
/// <param name="Points">Scored points.</param>
/// <param name="Levels">Quantile levels scored, ascending.</param>
/// <param name="Pinball">Mean pinball loss per level (same order as <paramref name="Levels"/>), demand units.</param>
/// <param name="Wspl">Weighted scaled pinball loss (lower is better).</param>
/// <param name="Cov80">Share of outcomes inside [q0.1, q0.9] (target 0.80), NaN when those levels are not scored.</param>
/// <param name="Width80">Mean width q0.9 - q0.1, demand units.</param>
public sealed record ModelMetrics(int Origins, int Horizon, int Points, IReadOnlyList<double> Levels, IReadOnlyList<double> Pinball, double Wspl, double Cov80, double Width80)
{
    /// <summary>The recorded metrics of a backtest result.</summary>
    public static ModelMetrics From(BacktestResult result, int origins, int horizon)
    {
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Overall;
        var interval = m.Intervals.FirstOrDefault(i => Math.Abs(i.Nominal - 0.8) < 1e-9);
        var levels = result.Outcomes.Count == 0 ? [] : result.Outcomes[0].Levels.Select(l => l.Value).ToArray();
        return new ModelMetrics(origins, horizon, m.Points, levels, m.Pinball, m.Wspl, interval?.Coverage ?? double.NaN, interval?.Width ?? double.NaN);
    }
}
