namespace MeioForecast.Forecasting.Baseline;

/// <summary>Options of <see cref="SeasonalEmpiricalForecaster"/>.</summary>
public sealed record SeasonalEmpiricalOptions
{
    /// <summary>Seasonal cycle in periods. Default null = 7 for daily data, 1 (no cycle) for weekly data. Range 1..366.</summary>
    public int? SeasonLength { get; init; }

    /// <summary>Periods of recent history used. Default null = 8 cycles for daily data (56 days), 26 for weekly data. Range &gt;= 1.</summary>
    public int? Window { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (SeasonLength is < 1 or > 366)
        {
            throw new ArgumentOutOfRangeException(nameof(SeasonLength), SeasonLength, "SeasonLength must be in 1..366.");
        }

        if (Window is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "Window must be at least 1.");
        }
    }
}
