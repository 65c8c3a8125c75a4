using System.Security.Cryptography;
using Azure.Core;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Stores.Azure;
using MeioForecast.Storage.Tests.Runs;
using Xunit.Abstractions;

namespace MeioForecast.Storage.Tests.Azure;

/// <summary>
/// Azurite is stopped (SIGTERM, see <see cref="AzuriteFixture.Stop"/>) at several points of a run and restarted on the same data: latest.json never points to
/// an incomplete run, and re-running the same run id writes only what is missing.
/// </summary>
public sealed class AzuriteFaultTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    public static TheoryData<string> KillPoints => new()
    {
        "before-first-file", "mid-files", "mid-block-upload", "before-manifest", "during-manifest", "after-manifest", "during-latest",
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task Killing_the_server_mid_run_never_exposes_an_incomplete_run_and_the_rerun_only_adds_what_is_missing(string killPoint)
    {
        // For "mid-block-upload", objects over 40 bytes go up in 16-byte blocks so that the server can die between two
        // Put Block calls of targets.csv; the other points use single Put Blob requests (the commit of the manifest and
        // latest.json is then one conditional request whose answer "during-*" loses).
        var options = killPoint == "mid-block-upload" ? AzuriteFixture.FastOptions with { SingleUploadLimitBytes = 40, BlockSizeBytes = 16 } : AzuriteFixture.FastOptions;
        var container = azurite.NewContainerName("fault");
        var policy = new LoseResponsePolicy(_ => false, azurite.Stop);
        var blob = new AzureBlobStore(azurite.ConnectionString, container, "plans", options, o => o.AddPolicy(policy, HttpPipelinePosition.PerRetry));
        await blob.CreateContainerIfNotExistsAsync(default);
        await RunSamples.PublishAsync(blob, "r0", RunSamples.T0, "old");

        var faulty = new HookedStore(blob);
        var fileWrites = 0;
        var putBlocks = 0;
        switch (killPoint)
        {
            case "before-first-file":
                faulty.BeforeWrite = KillWhen(p => p.StartsWith("runs/r1/", StringComparison.Ordinal));
                break;
            case "mid-files":
                faulty.BeforeWrite = KillWhen(p => p.StartsWith("runs/r1/", StringComparison.Ordinal) && ++fileWrites == 3);
                break;
            case "mid-block-upload":
                policy.Match = r => LoseResponsePolicy.PutOf("targets.csv", "block")(r) && ++putBlocks == 2;
                break;
            case "before-manifest":
                faulty.BeforeWrite = KillWhen(p => p == RunLayout.Manifest("r1"));
                break;
            case "during-manifest":
                policy.Match = LoseResponsePolicy.PutOf(RunLayout.ManifestName);
                break;
            case "after-manifest":
                faulty.AfterWrite = KillWhen(p => p == RunLayout.Manifest("r1"));
                break;
            case "during-latest":
                policy.Match = r => LoseResponsePolicy.PutOf(RunLayout.LatestPath)(r);
                break;
        }

        var failure = await Assert.ThrowsAsync<BlobStorageException>(() => RunSamples.PublishAsync(faulty, "r1", RunSamples.T0.AddHours(1), "new"));
        Assert.Equal(0, failure.Status);
        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
        azurite.Start();
        policy.Match = _ => false;

        // Invariant: latest.json, if any, points to a run whose manifest exists and whose files match it.
        var latest = await new RunReader(blob).TryReadLatestAsync(default);
        Assert.NotNull(latest);
        Assert.Equal(killPoint == "during-latest" ? "r1" : "r0", latest.Manifest.RunId);

        // What survived: the rerun must write exactly the missing or mismatching files, nothing twice.
        var files = RunSamples.Files("new");
        var missing = new List<string>();
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var stored = await blob.TryReadAsync(RunLayout.RunFile("r1", file.Name), default);
            if (stored is null || !SHA256.HashData(stored.Content.Span).SequenceEqual(SHA256.HashData(file.Content.Span)))
            {
                missing.Add(RunLayout.RunFile("r1", file.Name));
            }
        }

        var manifestSurvived = await blob.TryReadAsync(RunLayout.Manifest("r1"), default) is not null;
        var rerun = new HookedStore(blob);
        rerun.BeforeWrite = async path =>
        {
            if (path == RunLayout.LatestPath)
            {
                // latest.json is only ever written once the run it will point to verifies.
                await new RunReader(blob).ReadAsync("r1", default);
            }
        };
        await RunSamples.PublishAsync(rerun, "r1", RunSamples.T0.AddHours(2), "new");
        var expected = missing.Concat(manifestSurvived ? [] : [RunLayout.Manifest("r1")]).Concat(killPoint == "during-latest" ? [] : [RunLayout.LatestPath]);
        Assert.Equal(expected, rerun.Writes);
        Assert.Equal("r1", (await new RunReader(blob).TryReadLatestAsync(default))!.Manifest.RunId);
        output.WriteLine($"{killPoint}: first attempt wrote {faulty.Writes.Count} object(s); after restart {files.Count - missing.Count}/{files.Count} files and manifest={manifestSurvived} were intact; rerun wrote {rerun.Writes.Count}: [{string.Join(", ", rerun.Writes)}]");
    }

    private Func<string, Task> KillWhen(Func<string, bool> condition) => path =>
    {
        if (condition(path))
        {
            azurite.Stop();
        }

        return Task.CompletedTask;
    };
}
