namespace MeioForecast.Pipeline.Holdout;

/// <summary>The demand the held-out replay warms the network up with before the measured periods.</summary>
public enum HoldoutWarmUp
{
    /// <summary>
    /// The actual demand of the periods up to the origin: the replay starts from the state the new targets would have
    /// reached on that history, including the stock a promotion just before the origin drained (which the plan of that
    /// time, not these targets, was made for).
    /// </summary>
    History,

    /// <summary>
    /// Each node's planned mean demand per period: the replay starts from the targets' own steady state (stock at base
    /// stock less the mean pipeline), as a policy put in place at the origin with its pipeline filled.
    /// </summary>
    Plan,
}
