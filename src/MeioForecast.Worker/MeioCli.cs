using System.CommandLine;
using System.CommandLine.Help;
using MeioForecast.Worker.Commands;
using MeioForecast.Worker.Hosting;

namespace MeioForecast.Worker;

/// <summary>The <c>meio</c> command line: one verb per job.</summary>
public static class MeioCli
{
    /// <summary>Builds the root command with every verb; <c>--help</c> as <see cref="HelpLayout"/> edits it.</summary>
    public static RootCommand Create()
    {
        var root = Verbs();
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: HelpAction framework } help)
        {
            help.Action = new HelpLayout(framework);
        }

        return root;
    }

    private static RootCommand Verbs() => new("MeioForecast: probabilistic demand forecasting and multi-echelon safety stock placement.")
    {
        RunCommand.Create(),
        FinalizeCommand.Create(),
        SampleDataCommand.Create(),
        OptimizeCommand.Create(),
        GbdtCommand.Create(),
        ImportCommand.Create(),
        HoldoutCommand.Create(),
        BacktestCommand.Create(),
        TrainCommand.Create(),
        ModelsCommand.Create(),
        ExplainCommand.Create(),
        ReportCommand.Create(),
        WorkerCommand.Create(),
    };

    /// <summary>
    /// Invocation settings: System.CommandLine's own signal handling is off (it ends the process with 130/143 when the
    /// verb is slow to stop); <see cref="TerminationSignals"/> handles SIGTERM/Ctrl+C instead.
    /// </summary>
    public static InvocationConfiguration Invocation { get; } = new() { ProcessTerminationTimeout = null };

    /// <summary>
    /// Parses and runs <paramref name="args"/>: a usage error (unknown verb or option, missing or malformed option value)
    /// exits with code 6 and names the problem; SIGTERM/SIGINT cancel the verb (exit code 4, see <see cref="TerminationSignals"/>).
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"Usage error: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("See meio --help (or meio <verb> --help).").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

        using var signals = TerminationSignals.Register(Console.Error, TerminationSignals.GracePeriod);
        return await parse.InvokeAsync(Invocation, signals.Token).ConfigureAwait(false);
    }
}
