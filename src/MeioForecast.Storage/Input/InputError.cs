namespace MeioForecast.Storage.Input;

/// <summary>One validation error: where (file, line, column) and which rule, with a message for people.</summary>
/// <param name="File">File name, e.g. demand.csv.</param>
/// <param name="Line">1-based line (the header is line 1; 0 = the whole file).</param>
/// <param name="Column">Column (field) name, or empty for a whole row or file.</param>
/// <param name="Rule">The rule broken.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record InputError(string File, int Line, string Column, InputRule Rule, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{File}:{Line}{(Column.Length > 0 ? $" [{Column}]" : "")}: {Rule}: {Message}";
}
