namespace MeioForecast.Storage.Input;

/// <summary>Collects validation errors, at most <see cref="PerFileLimit"/> per file, so one bad file does not flood the report.</summary>
internal sealed class InputErrors
{
    public const int PerFileLimit = 50;
    private readonly List<InputError> _errors = [];
    private readonly Dictionary<string, int> _perFile = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string file, int line, string column, InputRule rule, string message)
    {
        _perFile.TryGetValue(file, out var n);
        _perFile[file] = n + 1;
        if (n < PerFileLimit)
        {
            _errors.Add(new InputError(file, line, column, rule, message));
        }
        else if (n == PerFileLimit)
        {
            _errors.Add(new InputError(file, 0, "", rule, $"more than {PerFileLimit} errors in {file}; the rest are not listed"));
        }
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new InputValidationException(_errors.ToArray());
        }
    }
}
