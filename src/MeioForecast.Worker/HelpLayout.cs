using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace MeioForecast.Worker;

/// <summary>
/// <c>--help</c>: System.CommandLine's text without its boilerplate about "additional arguments passed to the application"
/// (the verbs that accept extra tokens take settings, and say so), and, for the verbs that plan or train, the settings
/// they read (<see cref="SettingsHelp"/>). The framework's layout API is internal, so its text is edited.
/// </summary>
internal sealed class HelpLayout(HelpAction framework) : SynchronousCommandLineAction
{
    /// <summary>As the framework's help: asking for help is not a usage error, even without the required options.</summary>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        using var text = new StringWriter();
        configuration.Output = text;
        int exit;
        try
        {
            exit = framework.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }

        var lines = text.ToString().Split(Environment.NewLine).ToList();
        var additional = lines.FindIndex(l => l.StartsWith("Additional Arguments:", StringComparison.Ordinal));
        if (additional >= 0)
        {
            // The section runs to the next blank line.
            var end = lines.FindIndex(additional, l => l.Length == 0);
            lines.RemoveRange(additional, (end < 0 ? lines.Count : end + 1) - additional);
        }

        var body = string.Join(Environment.NewLine, lines).Replace(" [[--] <additional arguments>...]]", " [--Section:Key=value ...]", StringComparison.Ordinal).TrimEnd();
        output.WriteLine(body);
        if (Settings(parseResult.CommandResult.Command.Name) is { } settings)
        {
            output.WriteLine();
            output.WriteLine(settings);
        }

        return exit;
    }

    private static string? Settings(string verb) => verb switch
    {
        "run" => SettingsHelp.Run,
        "worker" => SettingsHelp.Worker,
        "train" => SettingsHelp.Train,
        _ => null,
    };
}
