namespace MeioForecast.Forecasting.Ssa;

/// <summary>How <see cref="SsaForecaster"/> chooses the number r of eigentriples in the signal group.</summary>
public enum SsaRankSelection
{
    /// <summary>
    /// The smallest r in 1..MaxRank whose mean absolute error of in-sample rolling-origin forecasts
    /// (<see cref="SsaOptions.SelectionHorizon"/> steps) is within <see cref="SsaOptions.RankTolerance"/> of the best.
    /// </summary>
    Backtest,

    /// <summary>The smallest r whose eigenvalues carry <see cref="SsaOptions.VarianceThreshold"/> of sum(lambda).</summary>
    VarianceThreshold,

    /// <summary>r = <see cref="SsaOptions.Rank"/> (capped at MaxRank).</summary>
    Explicit,
}
