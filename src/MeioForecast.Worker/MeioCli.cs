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
        SampleDataCommand.Create(),
    };
}
