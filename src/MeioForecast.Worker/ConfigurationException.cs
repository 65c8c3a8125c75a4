namespace MeioForecast.Worker;

/// <summary>
/// An invalid setting, option or combination of options (exit code 6; the message names the setting). Typed, so that an
/// <see cref="ArgumentException"/> thrown from inside the engines (a bug, exit code 1) is never reported as the user's
/// configuration error.
/// </summary>
public sealed class ConfigurationException : ArgumentException
{
    /// <summary>Creates the error.</summary>
    public ConfigurationException()
    {
    }

    /// <summary>Creates the error with a message naming the setting.</summary>
    public ConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message naming the setting.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for parameter <paramref name="paramName"/>.</summary>
    public ConfigurationException(string message, string? paramName)
        : base(message, paramName)
    {
    }

    /// <summary>Creates the error for parameter <paramref name="paramName"/>.</summary>
    public ConfigurationException(string message, string? paramName, Exception innerException)
        : base(message, paramName, innerException)
    {
    }

    /// <summary>
    /// Runs <paramref name="configure"/>, a step that only reads and validates settings (options records of other
    /// projects validate with <see cref="ArgumentException"/>, configuration binding fails with
    /// <see cref="InvalidOperationException"/>): such an error becomes a <see cref="ConfigurationException"/>.
    /// </summary>
    public static T Guard<T>(Func<T> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        try
        {
            return configure();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException && ex is not ConfigurationException)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
    }

    /// <summary>The asynchronous form of <see cref="Guard{T}(Func{T})"/>.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        try
        {
            return await configure().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException && ex is not ConfigurationException)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
    }
}
