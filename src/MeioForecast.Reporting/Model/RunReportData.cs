namespace MeioForecast.Reporting.Model;

/// <summary>Everything the report shows: a run's parsed files plus, when available, its input (network, history, signals).</summary>
public sealed record RunReportData
{
    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>When the run was planned (manifest created_utc).</summary>
    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>MeioForecast version that wrote the run.</summary>
    public required string SoftwareVersion { get; init; }

    /// <summary>The run's manifest settings (forecaster, placement, model versions, ...).</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>targets.csv rows.</summary>
    public required IReadOnlyList<TargetLine> Targets { get; init; }

    /// <summary>explanations.csv rows (every measure).</summary>
    public required IReadOnlyList<DriverContribution> Explanations { get; init; }

    /// <summary>What the explanations compare with, e.g. "run 2026..." or "single-echelon placement".</summary>
    public required string ExplainedAgainst { get; init; }

    /// <summary>Planner sentences per sku-node.</summary>
    public required IReadOnlyList<SentenceLine> Sentences { get; init; }

    /// <summary>Quantile levels of the forecast columns, ascending, in (0,1).</summary>
    public required IReadOnlyList<double> QuantileLevels { get; init; }

    /// <summary>forecasts.csv rows.</summary>
    public required IReadOnlyList<ForecastLine> Forecasts { get; init; }

    /// <summary>metrics.json's service check; null when the run has none.</summary>
    public ServiceComparison? Service { get; init; }

    /// <summary>explanation_details.csv rows; null when the run has no such file.</summary>
    public IReadOnlyList<FeatureContribution>? FeatureContributions { get; init; }

    /// <summary>
    /// forecast_contributions.csv's feature groups (driver <c>forecast level</c> or <c>forecast spread</c>): what each
    /// node's lead-time demand forecast is made of, TreeSHAP of the GBDT and SSA's signal terms; shown for a
    /// node without explanation_details.csv rows (its demand drivers did not move, or a first run). Null without the file.
    /// </summary>
    public IReadOnlyList<FeatureContribution>? ForecastComposition { get; init; }

    /// <summary>Locations of the network graph; empty when the input is not available.</summary>
    public IReadOnlyList<NetworkNode> Nodes { get; init; } = [];

    /// <summary>Lanes of the network graph (distinct location pairs).</summary>
    public IReadOnlyList<NetworkEdge> Edges { get; init; } = [];

    /// <summary>Demand history from the input; empty when the input is not available.</summary>
    public IReadOnlyList<DemandHistoryLine> History { get; init; } = [];

    /// <summary>Promotions and holidays from the input signals.</summary>
    public IReadOnlyList<SignalMark> Events { get; init; } = [];
}
