namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>How the service check draws a node's demand from its forecast distributions period by period.</summary>
public enum DemandDraws
{
    /// <summary>Each period independently.</summary>
    Independent,

    /// <summary>Period uniforms block-bootstrapped from the node's historical forecast-error ranks (<see cref="ErrorPaths"/>): serial correlation kept.</summary>
    Bootstrap,
}
