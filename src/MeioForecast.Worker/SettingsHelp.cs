using System.Reflection;
using MeioForecast.Optimization.Gsm;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Worker.Hosting;
using MeioForecast.Worker.Output;

namespace MeioForecast.Worker;

/// <summary>
/// The settings a verb reads, for its <c>--help</c>: listed from the options records themselves (their properties are the
/// keys), so the help cannot drift from what <see cref="PlanningServices"/> binds.
/// </summary>
internal static class SettingsHelp
{
    private const string How = "Settings (--Section:Key=value, Section__Key in the environment, appsettings.json or --settings FILE):";

    /// <summary>The settings of a planning run (<c>meio run</c>).</summary>
    public static string Run => Lines(Planning.Append((StorageOptions.SectionName, typeof(StorageOptions))));

    /// <summary>The settings of <c>meio worker</c>: the run's and the schedule's.</summary>
    public static string Worker => Lines(Planning.Prepend((WorkerOptions.SectionName, typeof(WorkerOptions))).Append((StorageOptions.SectionName, typeof(StorageOptions))));

    /// <summary>The settings of <c>meio train</c>.</summary>
    public static string Train => How + Environment.NewLine + "  " + StageLine;

    private static (string Section, Type Options)[] Planning =>
    [
        (PlanningServices.ServiceCheckSection, typeof(ServiceCheckOptions)),
        (PlanningServices.PlacementSection, typeof(PlacementOptions)),
        (PlanningServices.GsmSolverSection, typeof(GsmSolverOptions)),
    ];

    private const string StageLine = "Forecasting:Method=stage|baseline, Forecasting:Model, Forecasting:Models, Forecasting:Stage:* (docs/forecasting.md)";

    private static string Lines(IEnumerable<(string Section, Type Options)> sections) =>
        string.Join(
            Environment.NewLine + "  ",
            sections.Select(s => $"{s.Section}:{{{string.Join(',', Keys(s.Options))}}}").Prepend(How).Append(StageLine));

    private static IEnumerable<string> Keys(Type options) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => IsLeaf(p.PropertyType) ? p.Name : p.Name + ":*");

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri);
    }
}
