namespace MeioForecast.Explainability.Attribution;

/// <summary>What a node's buffer is compared with.</summary>
public enum ExplanationBaseline
{
    /// <summary>The same node in the previous complete run: the explanation is of the change.</summary>
    PreviousRun = 0,

    /// <summary>
    /// The same node placed single-echelon (S = SI = 0) with this run's inputs, calibrated the same way (a first run, or
    /// a node new since the previous run): the explanation is of what the network placement saved or added.
    /// </summary>
    SingleEchelon = 1,

    /// <summary>The same node without uncertainty (safety stock 0): what the buffer is made of (<see cref="BufferComposition"/>).</summary>
    ZeroUncertainty = 2,
}
