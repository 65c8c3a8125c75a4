using System.Security.Cryptography;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Stores.Azure;
using MeioForecast.Storage.Tests.Azure;

namespace MeioForecast.Worker.Tests.Azure;

/// <summary>`meio run --output blob://container/prefix` against a real blob server (Azurite), on the medium generated input.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobRunEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _local = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_local, recursive: true);

    private Task<int> MeioRunAsync(string output, string runId, string connectionString, params string[] extra) =>
        MeioCli.Create().Parse(
        [
            "run", "--input", TestPaths.MediumInput, "--output", output, "--run-id", runId,
            $"--Storage:ConnectionString={connectionString}", "--Storage:CreateContainerIfMissing=true",
            "--ServiceCheck:Enabled=false", "--Storage:Blob:MaxRetries=2", "--Storage:Blob:RetryDelay=00:00:00.050", "--Storage:Blob:MaxRetryDelay=00:00:00.200",
            .. extra,
        ]).InvokeAsync(MeioCli.Invocation);

    private AzureBlobStore Store(string container, string prefix) =>
        new(azurite.ConnectionString, container, prefix, AzuriteFixture.FastOptions);

    [Fact]
    public async Task A_full_run_to_a_blob_container_reads_back_verified_and_matches_the_local_run()
    {
        var container = azurite.NewContainerName("e2e");
        Assert.Equal(ExitCodes.Ok, await MeioRunAsync($"blob://{container}/plans/eu", "e2e-blob", azurite.ConnectionString));
        var store = Store(container, "plans/eu");

        // Listing, reading back, and hash verification by the reader.
        var listed = new List<string>();
        await foreach (var item in store.ListAsync("", default))
        {
            listed.Add(item.Path);
        }

        Assert.Equal(
            ["latest.json", "runs/e2e-blob/buffer_composition.csv", "runs/e2e-blob/explanation_details.csv", "runs/e2e-blob/explanation_inputs.csv",
             "runs/e2e-blob/explanation_summary.csv", "runs/e2e-blob/explanations.csv",
             "runs/e2e-blob/forecast_contributions.csv", "runs/e2e-blob/forecasts.csv", "runs/e2e-blob/manifest.json", "runs/e2e-blob/node_drivers.csv",
             "runs/e2e-blob/report.html", "runs/e2e-blob/targets.csv"],
            listed);
        var run = await new RunReader(store).TryReadLatestAsync(default);
        Assert.NotNull(run);
        Assert.Equal("e2e-blob", run.Manifest.RunId);

        // Peer check: the same run to the local folder store gives byte-identical output files.
        Assert.Equal(ExitCodes.Ok, await MeioCli.Create().Parse(["run", "--input", TestPaths.MediumInput, "--output", _local, "--run-id", "e2e-blob", "--ServiceCheck:Enabled=false"]).InvokeAsync());
        foreach (var name in new[] { "targets.csv", "forecasts.csv" })
        {
            var local = await File.ReadAllBytesAsync(Path.Combine(_local, "runs", "e2e-blob", name));
            Assert.Equal(SHA256.HashData(local), SHA256.HashData(run.Files[name].Span));
        }

        // meio report reads the run from its blob URI and rebuilds the run's own report.html (given the same input).
        var report = Path.Combine(_local, "from-blob.html");
        Assert.Equal(ExitCodes.Ok, await MeioCli.Create().Parse(
            ["report", "--run", $"blob://{container}/plans/eu/runs/e2e-blob", "--input", TestPaths.MediumInput, "--out", report, $"--Storage:ConnectionString={azurite.ConnectionString}"]).InvokeAsync());
        Assert.Equal(run.Files["report.html"].ToArray(), await File.ReadAllBytesAsync(report));

        // Re-running the complete run id re-plans nothing and writes nothing but (at most) latest.json.
        Assert.Equal(ExitCodes.Ok, await MeioRunAsync($"blob://{container}/plans/eu", "e2e-blob", azurite.ConnectionString));
        Assert.Equal(run.Manifest.CreatedUtc, (await new RunReader(store).TryReadLatestAsync(default))!.Manifest.CreatedUtc);
    }

    [Fact]
    public async Task The_lease_makes_a_second_concurrent_run_of_the_same_id_exit_with_code_5()
    {
        var container = azurite.NewContainerName("locked");
        var store = Store(container, "p");
        await store.CreateContainerIfNotExistsAsync(default);
        await using (await RunLock.AcquireAsync(store, "busy-run", TimeSpan.Zero, TimeSpan.FromSeconds(1), default))
        {
            Assert.Equal(ExitCodes.RunLocked, await MeioRunAsync($"blob://{container}/p", "busy-run", azurite.ConnectionString));
            Assert.Null(await store.TryReadAsync(RunLayout.Manifest("busy-run"), default));
        }

        Assert.Equal(ExitCodes.Ok, await MeioRunAsync($"blob://{container}/p", "busy-run", azurite.ConnectionString));
    }

    [Fact]
    public async Task A_wrong_key_is_a_storage_failure_whose_message_does_not_show_the_key()
    {
        const string wrongKey = "V3JvbmdLZXlXcm9uZ0tleVdyb25nS2V5V3JvbmdLZXlXcm9uZ0tleVdyb25nS2V5V3Jvbmc=";
        var connection = azurite.ConnectionString.Replace(AzuriteFixture.DevelopmentAccountKey, wrongKey, StringComparison.Ordinal);
        var errors = new StringWriter();
        var previous = Console.Error;
        Console.SetError(errors);
        int exit;
        try
        {
            exit = await MeioRunAsync($"blob://{azurite.NewContainerName("denied")}/p", "denied", connection);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Equal(ExitCodes.StorageFailure, exit);
        Assert.Contains("AuthorizationFailure", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, errors.ToString(), StringComparison.Ordinal);
    }
}
