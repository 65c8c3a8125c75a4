using System.Text;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Tests.Runs;

/// <summary>Small deterministic runs for lifecycle tests.</summary>
internal static class RunSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string> { ["seed"] = "42", ["horizon"] = "8" };

    /// <summary>Four files; <paramref name="variant"/> changes every byte so runs differ.</summary>
    public static IReadOnlyList<RunFile> Files(string variant) =>
    [
        new("forecasts.csv", Encoding.UTF8.GetBytes($"sku,location,q50\nA,DC1,{variant}1\n"), 1),
        new("targets.csv", Encoding.UTF8.GetBytes($"sku,location,base_stock\nA,DC1,{variant}2\nB,DC1,{variant}3\n"), 2),
        new("explanations/A_DC1.json", Encoding.UTF8.GetBytes($"{{\"variant\":\"{variant}\"}}"), null),
        new("report.md", Encoding.UTF8.GetBytes($"# Run {variant}\n"), null),
    ];

    public static Task<RunManifest> PublishAsync(IOutputStore store, string runId, DateTimeOffset created, string variant, CancellationToken cancellationToken = default) =>
        new RunPublisher(store).PublishAsync(runId, created, "fp-" + variant, Settings, "0.1.0", Files(variant), cancellationToken);
}
