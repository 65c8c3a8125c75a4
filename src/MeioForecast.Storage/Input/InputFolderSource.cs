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

    /// <summary>
    /// Loads and validates the whole input, or only the skus of <paramref name="shard"/>, for a plan from the end of its
    /// history (<see cref="PlanningInputLoader.CheckFutureSignals"/> included).
    /// </summary>
    public PlanningInput Load(ShardSpec? shard)
    {
        var input = shard is { } only ? PlanningInputLoader.Load(folder, only) : PlanningInputLoader.Load(folder);
        PlanningInputLoader.CheckFutureSignals(input);
        return input;
    }

    /// <inheritdoc/>
    public string Fingerprint() => PlanningInputLoader.Fingerprint(folder);
}
