namespace MeioForecast.Storage.Input;

/// <summary>The file names of an input folder (docs/input-format.md).</summary>
public static class InputFiles
{
    /// <summary>Run settings: key,value rows.</summary>
    public const string Settings = "settings.csv";

    /// <summary>Locations: location,type[,echelon].</summary>
    public const string Locations = "locations.csv";

    /// <summary>Lanes: from,to,lead_time_mean[,lead_time_sd,sku,quantity_per_unit,lead_time_distribution].</summary>
    public const string Lanes = "lanes.csv";

    /// <summary>Sku-node parameters.</summary>
    public const string SkuNodes = "sku_nodes.csv";

    /// <summary>Demand history: sku,location,date,quantity.</summary>
    public const string Demand = "demand.csv";

    /// <summary>Exogenous signals (optional): date,signal,kind,value[,sku,location].</summary>
    public const string Signals = "signals.csv";

    /// <summary>All files, in fingerprint order.</summary>
    public static IReadOnlyList<string> All { get; } = [Demand, Lanes, Locations, Settings, Signals, SkuNodes];
}
