namespace MeioForecast.Explainability.Attribution;

/// <summary>Thrown when driver contributions do not add up to the change they explain (to 1e-9 relative).</summary>
public sealed class AdditivityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AdditivityException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AdditivityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AdditivityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
