using MeioForecast.Pipeline.Publishing;
using MeioForecast.Pipeline.Sharding;

namespace MeioForecast.Pipeline;

/// <summary>What one planning job does: which input, which output, which run id, and how long to wait for the run lock.</summary>
/// <param name="Input">Where the input comes from (docs/input-format.md).</param>
/// <param name="Output">Where the run is published.</param>
public sealed record PlanningJobRequest(IPlanningInputSource Input, IRunSink Output)
{
    /// <summary>The run id; default: <see cref="ScheduledUtc"/> (or the start time) as yyyyMMddTHHmmssZ plus the input fingerprint's first 8 hex digits.</summary>
    public string? RunId { get; init; }

    /// <summary>The schedule slot that triggered the job, if any: a restarted worker re-running the slot resumes the same run id.</summary>
    public DateTimeOffset? ScheduledUtc { get; init; }

    /// <summary>Progress sink, or null.</summary>
    public IProgress<RunProgress>? Progress { get; init; }

    /// <summary>How long to wait for another worker holding the run lock. Default 0 (fail at once); unit: time span.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// The shard to plan (<c>meio run --shard i/N</c>), or null for the whole input. A shard plans only the skus it owns
    /// (<see cref="ShardFilter"/>) and publishes runs/&lt;run-id&gt;/shards/&lt;i&gt;/ without touching latest.json;
    /// <c>meio finalize</c> merges the shards. Requires an explicit <see cref="RunId"/> shared by all shards.
    /// </summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>The model registry to forecast with (<c>Forecasting:Model</c>), or null: the run trains its forecaster (default).</summary>
    public IForecastModelSource? Models { get; init; }

    /// <summary>How often to retry the lock while waiting. Default 1 s.</summary>
    public TimeSpan LockPollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
