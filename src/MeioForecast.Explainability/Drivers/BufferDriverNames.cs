namespace MeioForecast.Explainability.Drivers;

/// <summary>Names of the drivers in files (snake_case) and in planner sentences (words).</summary>
public static class BufferDriverNames
{
    /// <summary>Every driver, in player order.</summary>
    public static IReadOnlyList<BufferDriver> All { get; } = Enum.GetValues<BufferDriver>();

    /// <summary>The file name of <paramref name="driver"/>, e.g. <c>lead_time_variability</c>.</summary>
    public static string Code(BufferDriver driver) => driver switch
    {
        BufferDriver.DemandLevel => "demand_level",
        BufferDriver.DemandUncertainty => "demand_uncertainty",
        BufferDriver.LeadTimeMean => "lead_time_mean",
        BufferDriver.LeadTimeVariability => "lead_time_variability",
        BufferDriver.ServiceLevel => "service_target",
        BufferDriver.HoldingCost => "holding_cost",
        BufferDriver.Network => "network",
        _ => throw new ArgumentOutOfRangeException(nameof(driver), driver, "Unknown driver."),
    };

    /// <summary>The words of <paramref name="driver"/> in a sentence, e.g. <c>lead-time variability</c>.</summary>
    public static string Words(BufferDriver driver) => Code(driver).Replace("lead_time", "lead-time", StringComparison.Ordinal).Replace('_', ' ');

    /// <summary>The driver whose file name is <paramref name="code"/>.</summary>
    public static BufferDriver Parse(string code)
    {
        foreach (var driver in All)
        {
            if (Code(driver) == code)
            {
                return driver;
            }
        }

        throw new FormatException($"Unknown driver '{code}'.");
    }
}
