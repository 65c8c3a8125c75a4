using MeioForecast.Core.Planning;
using MeioForecast.Pipeline.Publishing;
using MeioForecast.Pipeline.Sharding;

namespace MeioForecast.Storage.Input;

/// <summary>The planning input of a local input folder (docs/input-format.md), loaded by <see cref="PlanningInputLoader"/>.</summary>
/// <param name="folder">The input folder.</param>
public sealed class InputFolderSource(string folder) : IPlanningInputSource
{
    /// <inheritdoc/>
    public string Description => folder;

    /// <inheritdoc/>
    public PlanningInput Load(ShardSpec? shard) => shard is { } only ? PlanningInputLoader.Load(folder, only) : PlanningInputLoader.Load(folder);

    /// <inheritdoc/>
    public string Fingerprint() => PlanningInputLoader.Fingerprint(folder);
}
