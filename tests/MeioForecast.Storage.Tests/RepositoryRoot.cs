namespace MeioForecast.Storage.Tests;

/// <summary>Finds the repository root (the folder holding MeioForecast.sln) from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "MeioForecast.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("MeioForecast.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
