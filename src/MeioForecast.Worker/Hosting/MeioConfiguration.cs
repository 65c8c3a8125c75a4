using Microsoft.Extensions.Configuration;

namespace MeioForecast.Worker.Hosting;

/// <summary>
/// The configuration sources of every verb, lowest precedence first: appsettings.json beside the executable, then in
/// the current folder, environment variables (<c>Worker__Schedule</c>, <c>Storage__ConnectionString</c>,
/// <c>AZURE_STORAGE_CONNECTION_STRING</c>), then <c>--Section:Key=value</c> arguments on the command line.
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

        return builder.AddCommandLine([.. commandLine]);
    }

    /// <summary>Builds the configuration of a one-shot verb.</summary>
    public static IConfigurationRoot Build(IReadOnlyList<string> commandLine) => new ConfigurationBuilder().AddMeioSources(commandLine).Build();
}
