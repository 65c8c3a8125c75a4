namespace MeioForecast.LightGbm;

/// <summary>lib_lightgbm refused a call; the message is LightGBM's own (LGBM_GetLastError) with the function named.</summary>
public sealed class LightGbmException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LightGbmException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LightGbmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LightGbmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
