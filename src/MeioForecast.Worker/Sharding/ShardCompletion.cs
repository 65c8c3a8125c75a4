using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Sharding;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Worker.Sharding;

/// <summary>
/// <c>meio run --shard i/N --finalize</c>: after a shard is published, finalize the run when every shard's manifest is
/// present. Each shard writes its own manifest before it looks at the others, so the shard that completes last always
/// sees all N and finalizes; two that finish together are serialized by the run lock, and the second only verifies the
/// published run. A shard that finds others missing leaves finalization to them (no job dependency needed).
/// </summary>
internal static class ShardCompletion
{
    public static async Task<RunManifest?> FinalizeIfCompleteAsync(IOutputStore store, string runId, int shardCount, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        for (var i = 0; i < shardCount; i++)
        {
            if (await store.TryReadAsync(ShardLayout.ShardManifest(runId, i), cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }
        }

        await using var runLock = await RunLock.AcquireAsync(store, runId, lockWait, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        return await new ShardFinalizer(store).FinalizeAsync(runId, shardCount, cancellationToken).ConfigureAwait(false);
    }
}
