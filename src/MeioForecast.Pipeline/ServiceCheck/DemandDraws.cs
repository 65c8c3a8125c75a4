namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>How the service check draws a node's demand from its forecast distributions period by period.</summary>
public enum DemandDraws
{
    /// <summary>Each period independently.</summary>
    Independent,

    /// <summary>
    /// Period uniforms replayed from the forecaster's out-of-sample backtest PIT paths (<see cref="ErrorReplay"/>):
    /// the forecast's miscalibration, serial correlation over a lead time and cross-sectional correlation kept.
    /// </summary>
    Replay,
}
