using System.CommandLine;
using MeioForecast.Worker.Commands;

namespace MeioForecast.Worker;

/// <summary>The <c>meio</c> command line: one verb per job.</summary>
public static class MeioCli
{
    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand Create() => new("MeioForecast: probabilistic demand forecasting and multi-echelon safety stock placement.")
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
    /// Invocation settings: on SIGTERM/Ctrl+C the running verb is cancelled and gets up to 30 s to abandon its current
    /// step cleanly (nothing partial is ever published) before the process is ended.
    /// </summary>
    public static InvocationConfiguration Invocation { get; } = new() { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
}
