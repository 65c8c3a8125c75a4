namespace MeioForecast.Worker.Tests;

/// <summary>Repository paths and temp folders for end-to-end tests.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MeioForecast.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("MeioForecast.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string DataSamples => Path.Combine(RepositoryRoot, "data-samples");

    /// <summary>
    /// A small input (`meio sample-data --seed 42 --skus 3 --stores 3`), written once per test process: for tests of the
    /// host and the run lifecycle, where any complete run will do and the full sample run's minute would only slow them.
    /// </summary>
    public static string SmallInput => SmallInputFolder.Value;

    private static readonly Lazy<string> SmallInputFolder = new(() =>
    {
        var folder = Path.Combine(NewTempFolder(), "input");
        Datasets.SampleData.SampleDataGenerator.Write(folder, 42, 3, 3);
        return folder;
    });

    /// <summary>
    /// A medium input (`meio sample-data --seed 42 --skus 8 --stores 3`: 3 echelons, 24 series, each of 1, 2 or 3
    /// FNV-1a shards non-empty), written once per test process: for end-to-end properties that hold at any size
    /// (determinism, shards equal to the single run, blob equal to local, explanations adding up).
    /// </summary>
    public static string MediumInput => MediumInputFolder.Value;

    private static readonly Lazy<string> MediumInputFolder = new(() =>
    {
        var folder = Path.Combine(NewTempFolder(), "input");
        Datasets.SampleData.SampleDataGenerator.Write(folder, 42, 8, 3);
        return folder;
    });

    public static string NewTempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "meio-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
