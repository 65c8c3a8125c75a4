using System.Runtime.InteropServices;
using MeioForecast.LightGbm.Native;

namespace MeioForecast.LightGbm;

/// <summary>Loads lib_lightgbm once, turning a load failure into <see cref="LightGbmUnavailableException"/>, and checks return codes.</summary>
internal static class LightGbmLibrary
{
    private static readonly Lazy<Exception?> LoadError = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Throws <see cref="LightGbmUnavailableException"/> when the library (or a library it needs) cannot be loaded.</summary>
    public static void EnsureLoaded()
    {
        if (LoadError.Value is { } error)
        {
            throw Describe(error);
        }
    }

    /// <summary>Throws <see cref="LightGbmException"/> with LightGBM's last error when <paramref name="code"/> is not 0.</summary>
    public static void Check(int code, string function)
    {
        if (code != 0)
        {
            var message = Marshal.PtrToStringUTF8(LightGbmNative.LGBM_GetLastError()) ?? "unknown error";
            throw new LightGbmException($"{function}: {message}");
        }
    }

    /// <summary>
    /// The exception for a load failure: the loader's text (dlerror) names the file it could not open, the library itself
    /// or one it depends on; libgomp is the one a slim Debian image lacks.
    /// </summary>
    internal static LightGbmUnavailableException Describe(Exception error)
    {
        // The loader lists every path it probed; the line naming libgomp, else the first probe of the package's path, says why.
        var lines = error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = lines.FirstOrDefault(l => l.Contains("libgomp", StringComparison.Ordinal))
            ?? lines.FirstOrDefault(l => l.Contains("lib_lightgbm.so:", StringComparison.Ordinal))
            ?? lines.FirstOrDefault()
            ?? error.GetType().Name;
        if (text.Contains("libgomp", StringComparison.Ordinal))
        {
            return new LightGbmUnavailableException(
                $"LightGBM needs libgomp.so.1 (GNU OpenMP), which could not be loaded; install the Debian package libgomp1 (apt-get install -y libgomp1). Loader: {text}",
                error)
            { Library = "libgomp.so.1", Package = "libgomp1" };
        }

        return new LightGbmUnavailableException(
            $"lib_lightgbm.so could not be loaded; it ships in the LightGBM NuGet package (runtimes/linux-x64/native) and must sit beside the application (restore or publish again); it needs libgomp.so.1 (Debian package libgomp1). Loader: {text}",
            error)
        { Library = "lib_lightgbm.so", Package = "LightGBM (NuGet)" };
    }

    private static Exception? TryLoad()
    {
        try
        {
            // Resolves the library as the P/Invoke calls will (the deps.json native asset, then the probing paths).
            _ = NativeLibrary.Load(LightGbmNative.Library, typeof(LightGbmLibrary).Assembly, null);
            _ = LightGbmNative.LGBM_GetLastError();
            return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
        {
            return ex;
        }
    }
}
