using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace MeioForecast.Worker;

/// <summary>
/// The log format of the one-shot verbs on a terminal: <c>HH:mm:ss message</c> in UTC, with <c>warn:</c>/<c>fail:</c>
/// before warnings and errors; no logger category or event id (they mean nothing to the person running <c>meio run</c>).
/// The worker keeps the simple console format with categories, as log collectors read it.
/// </summary>
internal sealed class TerminalLogFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's name in <see cref="ConsoleLoggerOptions.FormatterName"/>.</summary>
    public const string FormatterName = "meio-terminal";

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTimeOffset.UtcNow.ToString("HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(logEntry.LogLevel switch
        {
            LogLevel.Warning => "warn: ",
            LogLevel.Error or LogLevel.Critical => "fail: ",
            _ => string.Empty,
        });
        textWriter.WriteLine(message);
        if (logEntry.Exception is { } exception)
        {
            textWriter.WriteLine(exception.ToString());
        }
    }
}
