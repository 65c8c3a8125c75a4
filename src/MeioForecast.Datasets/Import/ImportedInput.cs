namespace MeioForecast.Datasets.Import;

/// <summary>A public data set in memory, ready to be written as an input folder by <see cref="InputFolderWriter"/>.</summary>
public sealed class ImportedInput
{
    /// <summary>Data set name (walmart, rossmann).</summary>
    public required string Name { get; init; }

    /// <summary><c>day</c> or <c>week</c>.</summary>
    public required string Period { get; init; }

    /// <summary>Evaluation horizon written to settings.csv (the shared protocol's holdout).</summary>
    public required int Horizon { get; init; }

    /// <summary>Demand per (sku, location): date to quantity (raw; negatives are clipped when written).</summary>
    public Dictionary<(string Sku, string Location), SortedDictionary<DateOnly, double>> Demand { get; } = [];

    /// <summary>Known-in-advance signal values: (signal, date, sku, location) to value ("" = any).</summary>
    public List<(string Signal, DateOnly Date, string Sku, string Location, double Value)> Signals { get; } = [];

    /// <summary>Signal whose 0 marks periods not to score (the shared protocol's: <c>meio backtest --score-mask</c>).</summary>
    public string? ScoreMask { get; init; }

    /// <summary>
    /// The signal declared as settings.csv's <c>availability_signal</c>: its 0 marks a period that is no demand
    /// observation, so planning reads it as missing, not as zero demand. Null when a period without a row is a period
    /// without sales (it is then scored or not by <see cref="ScoreMask"/> alone).
    /// </summary>
    public string? Availability { get; init; }

    /// <summary>
    /// The known signal above 0 in promotion periods (settings.csv <c>promotion_signal</c>), or null: Rossmann's
    /// <c>promo</c>, orange juice's <c>deal</c>.
    /// </summary>
    public string? Promotion { get; init; }

    /// <summary>Adds one demand observation.</summary>
    public void AddDemand(string sku, string location, DateOnly date, double quantity)
    {
        if (!Demand.TryGetValue((sku, location), out var series))
        {
            Demand[(sku, location)] = series = new SortedDictionary<DateOnly, double>();
        }

        series[date] = quantity;
    }
}
