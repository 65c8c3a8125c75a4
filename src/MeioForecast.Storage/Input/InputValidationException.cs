namespace MeioForecast.Storage.Input;

/// <summary>The input folder breaks the input contract. <see cref="Errors"/> lists every error found (up to a limit per file).</summary>
public sealed class InputValidationException : Exception
{
    /// <summary>Creates the error from the collected list.</summary>
    public InputValidationException(IReadOnlyList<InputError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>Creates the error.</summary>
    public InputValidationException() : base("The input is invalid.") => Errors = [];

    /// <summary>Creates the error.</summary>
    public InputValidationException(string message) : base(message) => Errors = [];

    /// <summary>Creates the error.</summary>
    public InputValidationException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    /// <summary>The errors, in file and line order.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    private static string Describe(IReadOnlyList<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        const int shown = 20;
        var lines = errors.Take(shown).Select(e => "  " + e);
        var more = errors.Count > shown ? $"{Environment.NewLine}  ... and {errors.Count - shown} more" : "";
        return $"The input has {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
