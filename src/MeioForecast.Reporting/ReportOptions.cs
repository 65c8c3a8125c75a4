namespace MeioForecast.Reporting;

/// <summary>Size limits of the run report (docs/report.md): what is rendered, what is only searchable.</summary>
public sealed record ReportOptions
{
    /// <summary>Rows of the changes table rendered in the page, largest safety-stock change first; their forecast fan
    /// charts and TreeSHAP contributions are embedded too. Default 100; 1..5,000.</summary>
    public int TopChanges { get; init; } = 100;

    /// <summary>Sku-nodes embedded as compact JSON (sentence, waterfall), findable with the filter box; the rest of a
    /// larger run is left out with a note. Default 20,000 (about 6 MB of HTML); at least <see cref="TopChanges"/>.</summary>
    public int MaxSearchable { get; init; } = 20_000;

    /// <summary>History periods drawn before the forecast in a fan chart. Default 84; 1..1,000 periods.</summary>
    public int HistoryPeriods { get; init; } = 84;

    /// <summary>Locations above which the network graph is replaced by a table. Default 300; at least 1.</summary>
    public int MaxGraphLocations { get; init; } = 300;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a limit is outside its range.</summary>
    public ReportOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TopChanges, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TopChanges, 5_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSearchable, TopChanges);
        ArgumentOutOfRangeException.ThrowIfLessThan(HistoryPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HistoryPeriods, 1_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxGraphLocations, 1);
        return this;
    }
}
