namespace MeioForecast.Storage.Models;

/// <summary>A model named by the user is not in the registry (or is incomplete), or does not fit the run's input.</summary>
public sealed class ModelUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelUnavailableException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public ModelUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ModelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
