using MeioForecast.Core.Planning;
using MeioForecast.Pipeline.Sharding;

namespace MeioForecast.Pipeline.Publishing;

/// <summary>Port: where a planning run's input comes from (an input folder, docs/input-format.md), loaded and validated.</summary>
public interface IPlanningInputSource
{
    /// <summary>Where the input is, for messages.</summary>
    string Description { get; }

    /// <summary>Loads and validates the whole input, or only the skus of <paramref name="shard"/>; throws a typed input error naming file, line and field.</summary>
    PlanningInput Load(ShardSpec? shard);

    /// <summary>The input's fingerprint (hex SHA-256 over its files): the same input gives the same fingerprint.</summary>
    string Fingerprint();
}
