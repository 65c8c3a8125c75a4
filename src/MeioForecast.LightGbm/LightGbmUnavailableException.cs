namespace MeioForecast.LightGbm;

/// <summary>
/// lib_lightgbm could not be loaded: the message names the shared library that is missing (lib_lightgbm.so itself, or
/// libgomp.so.1, the GNU OpenMP runtime it links against) and how to get it (the Debian package, or the LightGBM NuGet
/// package for lib_lightgbm.so). A bad environment, not a bug: hosts map it to their configuration exit code.
/// </summary>
public sealed class LightGbmUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LightGbmUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LightGbmUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LightGbmUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The shared library that could not be loaded (file name).</summary>
    public string Library { get; init; } = "lib_lightgbm.so";

    /// <summary>Where it comes from: a Debian package name, or the NuGet package for lib_lightgbm.so.</summary>
    public string Package { get; init; } = "LightGBM (NuGet)";
}
