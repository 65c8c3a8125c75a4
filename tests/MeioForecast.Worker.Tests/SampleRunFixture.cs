namespace MeioForecast.Worker.Tests;

/// <summary>
/// The sample run (`meio run --input data-samples`, default settings) planned once per test process and shared by the
/// tests that only read it: planning data-samples is the slowest step of the suite, and the run is deterministic.
/// Nothing may write into <see cref="Output"/>; a test that needs the run as a previous run copies it with
/// <see cref="CopyTo"/>.
/// </summary>
public sealed class SampleRunFixture : IAsyncLifetime
{
    /// <summary>The run id of the shared run.</summary>
    public const string RunId = "sample";

    /// <summary>The output folder holding runs/sample and latest.json.</summary>
    public string Output { get; } = TestPaths.NewTempFolder();

    /// <summary>runs/sample under <see cref="Output"/>.</summary>
    public string RunFolder => Path.Combine(Output, "runs", RunId);

    /// <summary>Copies the output folder (the run and latest.json) into <paramref name="folder"/>.</summary>
    public void CopyTo(string folder)
    {
        foreach (var file in Directory.GetFiles(Output, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var exit = await MeioCli.Create().Parse(["run", "--input", TestPaths.DataSamples, "--output", Output, "--run-id", RunId]).InvokeAsync();
        if (exit != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"The shared sample run exited with {exit}.");
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(Output, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The tests that read the shared sample run (<see cref="SampleRunFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class SampleRunCollection : ICollectionFixture<SampleRunFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "sample run";
}
