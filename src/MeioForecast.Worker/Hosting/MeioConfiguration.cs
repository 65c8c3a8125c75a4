using Microsoft.Extensions.Configuration;

namespace MeioForecast.Worker.Hosting;

/// <summary>
/// The configuration sources of every verb, lowest precedence first: appsettings.json beside the executable, then in
/// the current folder, environment variables (<c>Worker__Schedule</c>, <c>Storage__ConnectionString</c>,
/// <c>AZURE_STORAGE_CONNECTION_STRING</c>), the JSON file named by <c>--settings FILE</c> (e.g. the forecasting
/// profile pipelines/settings/forecasting-thorough-day.json), then <c>--Section:Key=value</c> arguments on the command line.
/// </summary>
public static class MeioConfiguration
{
    /// <summary>Adds the sources to <paramref name="builder"/>.</summary>
    public static IConfigurationBuilder AddMeioSources(this IConfigurationBuilder builder, IReadOnlyList<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(commandLine);
        var besideExecutable = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var inCurrentFolder = Path.GetFullPath("appsettings.json");
        builder.AddJsonFile(besideExecutable, optional: true, reloadOnChange: false);
        if (!string.Equals(besideExecutable, inCurrentFolder, StringComparison.Ordinal))
        {
            builder.AddJsonFile(inCurrentFolder, optional: true, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        if (Environment.GetEnvironmentVariable(Output.StorageOptions.ConnectionStringVariable) is { Length: > 0 } connection)
        {
            // The Azure tools' conventional variable feeds Storage:ConnectionString (above appsettings, below the command line).
            builder.AddInMemoryCollection([new($"{Output.StorageOptions.SectionName}:ConnectionString", connection)]);
        }

        var (settingsFile, rest) = SplitSettings(commandLine);
        if (settingsFile is not null)
        {
            if (!File.Exists(settingsFile))
            {
                throw new ConfigurationException($"--settings: the file '{Path.GetFullPath(settingsFile)}' does not exist.");
            }

            builder.AddJsonFile(Path.GetFullPath(settingsFile), optional: false, reloadOnChange: false);
        }

        return builder.AddCommandLine([.. rest]);
    }

    /// <summary>The file of <c>--settings FILE</c> or <c>--settings=FILE</c> (null: none) and the other arguments.</summary>
    internal static (string? File, List<string> Others) SplitSettings(IReadOnlyList<string> commandLine)
    {
        string? file = null;
        var rest = new List<string>();
        for (var i = 0; i < commandLine.Count; i++)
        {
            var token = commandLine[i];
            if (token == "--settings")
            {
                file = i + 1 < commandLine.Count ? commandLine[++i] : throw new ConfigurationException("--settings needs a file name.");
            }
            else if (token.StartsWith("--settings=", StringComparison.Ordinal))
            {
                file = token["--settings=".Length..];
            }
            else
            {
                rest.Add(token);
            }
        }

        return (file, rest);
    }

    /// <summary>
    /// Builds the configuration of a one-shot verb from the arguments its parser did not match. An argument that looks
    /// like an option but names no configuration key (no ':' before '=', e.g. a misspelt <c>--orgins 3</c>) is rejected
    /// rather than silently becoming a setting nothing reads.
    /// </summary>
    public static IConfigurationRoot Build(IReadOnlyList<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        foreach (var token in SplitSettings(commandLine).Others)
        {
            if (token.StartsWith('-') && !token.Split('=', 2)[0].Contains(':', StringComparison.Ordinal))
            {
                throw new ConfigurationException($"Unknown option '{token}': see --help; settings are written --Section:Key=value (e.g. --Forecasting:Stage:Selection:Origins=3) or come from --settings FILE.");
            }
        }

        return new ConfigurationBuilder().AddMeioSources(commandLine).Build();
    }
}
