using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Stores.Azure;
using Xunit.Abstractions;

namespace MeioForecast.Storage.Tests.Azure;

/// <summary>
/// The run-lock lease over time, on its own Azurite (it stops the server): mostly waiting, so it runs beside the other
/// test classes rather than after them.
/// </summary>
public sealed class BlobLeaseRenewalTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_held_lease_is_renewed_past_its_duration_and_reported_lost_when_storage_goes_away()
    {
        // Service minimum lease: 15 s, renewed every 5 s. Held 16 s, a second holder is still refused (renewal works);
        // with the server gone, Lost fires once no renewal can land before expiry (nominally 5..10 s after the stop, before the lease ends).
        var options = AzuriteFixture.FastOptions with { LeaseDurationSeconds = 15 };
        var store = await azurite.NewStoreAsync("leaselost", options: options);
        var other = new AzureBlobStore(azurite.ConnectionString, store.Description.Split('/')[^1], null, options);
        var lease = Assert.IsAssignableFrom<IExpiringLease>(await store.TryAcquireLeaseAsync("runs/r1/run.lock", default));
        await Task.Delay(TimeSpan.FromSeconds(16));
        Assert.Null(await other.TryAcquireLeaseAsync("runs/r1/run.lock", default));
        Assert.False(lease.Lost.IsCancellationRequested);

        azurite.Stop();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await Task.Delay(Timeout.Infinite, lease.Lost).WaitAsync(TimeSpan.FromSeconds(40));
        }
        catch (TaskCanceledException)
        {
            // Lost fired.
        }

        Assert.True(lease.Lost.IsCancellationRequested);
        // Nominally 5..10 s (two failed renewals after the last success); the upper bound leaves room for a loaded machine.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30));
        azurite.Start();
        await lease.DisposeAsync();
        output.WriteLine($"lease reported lost {clock.Elapsed.TotalSeconds:F1} s after the server stopped");
    }
}
