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

    public static string NewTempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "meio-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
