namespace MeioForecast.Explainability.Drivers;

/// <summary>
/// The value function of the attribution: the buffer a node holds at given driver values. Implemented by the placement
/// (the same demand bound the run used), so that v(all drivers new) is the run's published buffer.
/// </summary>
public interface IBufferModel
{
    /// <summary>The buffer at <paramref name="drivers"/>.</summary>
    BufferLevels Evaluate(NodeDrivers drivers);
}
