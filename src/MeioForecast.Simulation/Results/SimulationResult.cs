using MeioForecast.Simulation.Options;

namespace MeioForecast.Simulation.Results;

/// <summary>The outcome of a simulation: per-stage statistics (in the network's stage order) and, optionally, a trace.</summary>
public sealed class SimulationResult
{
    private readonly Dictionary<string, StageStatistics> _byId;

    /// <summary>Creates a result.</summary>
    public SimulationResult(SimulationOptions options, int warmUpPeriods, IReadOnlyList<StageStatistics> stages, IReadOnlyList<StageTrace>? trace)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stages);
        Options = options;
        WarmUpPeriods = warmUpPeriods;
        Stages = stages;
        Trace = trace;
        _byId = stages.ToDictionary(s => s.StageId, StringComparer.Ordinal);
    }

    /// <summary>The options used.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The warm-up periods actually simulated before measuring.</summary>
    public int WarmUpPeriods { get; }

    /// <summary>Per-stage statistics in the network's stage order.</summary>
    public IReadOnlyList<StageStatistics> Stages { get; }

    /// <summary>Per-stage trace of replication 0 when <see cref="SimulationOptions.RecordTrace"/>; null otherwise.</summary>
    public IReadOnlyList<StageTrace>? Trace { get; }

    /// <summary>The statistics of stage <paramref name="stageId"/>.</summary>
    public StageStatistics this[string stageId] =>
        _byId.TryGetValue(stageId, out var s) ? s : throw new KeyNotFoundException($"No stage '{stageId}' in the result.");
}
