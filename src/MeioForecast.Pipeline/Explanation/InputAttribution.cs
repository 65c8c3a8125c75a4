using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Pipeline.Explanation.Inputs;

namespace MeioForecast.Pipeline.Explanation;

/// <summary>
/// Explains every sku-node's buffer over the seven input drivers (<see cref="BufferDriver"/>) with exact Shapley values
/// (<see cref="BufferAttribution"/>), playing one game per sku: v(C) = the buffers of the sku's nodes when its network is
/// placed (and calibrated) from the inputs of coalition C (<see cref="InputMix"/>, <see cref="SkuReplanner"/>). v(empty)
/// is the previous run's published buffer, v(all) this run's. Exact at low cost: a driver whose inputs did not change
/// does not change any coalition's inputs, so v depends only on the k changed drivers and a sku needs 2^k - 2 new
/// placements (0 when one input changed, 2 when the forecast's level and spread both moved); each is cached by the
/// coalition of changed drivers and shared by all nodes and measures of the sku. A sku with no previous inputs (a first
/// run, a new sku, or a previous run without explanation_inputs.json) is explained against single-echelon placement of
/// its nodes (calibrated as the run's service check did), all of it the network driver's.
/// </summary>
public static class InputAttribution
{
    /// <summary>The explanations of <paramref name="current"/> against <paramref name="previous"/> (null: single-echelon), in sku-node order.</summary>
    public static InputAttributionResult Explain(ExplainedRun current, ExplainedRun? previous, SkuReplanner replanner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replanner);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var locations = new Dictionary<string, Location>(current.Inputs.Locations, StringComparer.Ordinal);
        foreach (var (id, location) in previous?.Inputs.Locations ?? new Dictionary<string, Location>())
        {
            locations.TryAdd(id, location);
        }

        // Every coalition to place: (sku, coalition of changed drivers); the endpoints are the two runs' published buffers.
        var games = new List<(SkuInputs Previous, SkuInputs Current, int Changed)>();
        var work = new List<(int Game, int Mask)>();
        foreach (var sku in current.Inputs.Skus.Values)
        {
            if (previous?.Inputs.Skus.GetValueOrDefault(sku.Sku) is not { } before)
            {
                continue;
            }

            var changed = InputMix.Changed(before, sku);
            games.Add((before, sku, changed));
            foreach (var mask in Subsets(changed).Where(m => m != 0 && m != changed))
            {
                work.Add((games.Count - 1, mask | (InputMix.AllDrivers & ~changed)));
            }
        }

        var placed = new IReadOnlyList<TargetRow>[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (game, mask) = work[i];
            placed[i] = replanner.Place(current.Inputs.Settings, locations, InputMix.Mix(games[game].Previous, games[game].Current, mask), cancellationToken);
        });

        var values = new Dictionary<(string Sku, int Mask), Dictionary<SkuNode, BufferLevels>>();
        for (var i = 0; i < work.Count; i++)
        {
            values[(games[work[i].Game].Current.Sku, work[i].Mask)] = placed[i].ToDictionary(r => new SkuNode(r.Sku, r.Location), r => new BufferLevels(r.SafetyStock, r.BaseStock, r.HoldingCost));
        }

        var changedBySku = games.ToDictionary(g => g.Current.Sku, g => g, StringComparer.Ordinal);
        var inputChanges = games.ToDictionary(
            g => g.Current.Sku,
            g => (IReadOnlyDictionary<BufferDriver, string>)BufferDriverNames.All
                .Where(driver => (g.Changed & (1 << (int)driver)) != 0)
                .Select(driver => (driver, Text: InputChange.Describe(driver, g.Previous, g.Current)))
                .Where(x => x.Text is not null)
                .ToDictionary(x => x.driver, x => x.Text!),
            StringComparer.Ordinal);
        var explanations = new List<NodeExplanation>();
        var composition = new List<NodeExplanation>();
        foreach (var target in current.Targets)
        {
            var key = new SkuNode(target.Sku, target.Location);
            var now = Levels(target);
            if (changedBySku.TryGetValue(key.Sku, out var game))
            {
                var before = previous!.Drivers.TryGetValue(key, out var d) ? PlacementBufferModel.Instance.Evaluate(d) : default;
                var all = InputMix.AllDrivers;
                var explanation = BufferAttribution.Explain(key, ExplanationBaseline.PreviousRun, mask =>
                {
                    var reduced = (mask | (all & ~game.Changed)) & all;
                    return mask == all || reduced == all ? now
                        : reduced == (all & ~game.Changed) ? before
                        : values[(key.Sku, reduced)].GetValueOrDefault(key);
                });
                explanations.Add(explanation with
                {
                    InputChanges = inputChanges[key.Sku],
                    Mechanism = d is not null && current.Drivers.TryGetValue(key, out var c) ? NodeMechanism.Describe(d, c) : null,
                });
            }
            else
            {
                var single = current.SingleEchelon.TryGetValue(key, out var s) ? Levels(s) : now;
                var explanation = BufferAttribution.Explain(key, ExplanationBaseline.SingleEchelon, mask => (mask & (1 << (int)BufferDriver.Network)) != 0 ? now : single);
                if (current.Drivers.TryGetValue(key, out var drivers))
                {
                    var madeOf = BufferComposition.Explain(key, drivers, PlacementBufferModel.Instance);
                    composition.Add(madeOf);
                    explanation = explanation with { MadeOf = madeOf.SafetyStock };
                }

                explanations.Add(explanation);
            }
        }

        return new InputAttributionResult(ExplanationSentence.Rank(explanations), composition, work.Count, clock.Elapsed);
    }

    private static BufferLevels Levels(TargetRow row) => new(row.SafetyStock, row.BaseStock, row.HoldingCost);

    /// <summary>Every subset of the bits of <paramref name="mask"/>.</summary>
    private static IEnumerable<int> Subsets(int mask)
    {
        var sub = mask;
        while (true)
        {
            yield return sub;
            if (sub == 0)
            {
                yield break;
            }

            sub = (sub - 1) & mask;
        }
    }
}
