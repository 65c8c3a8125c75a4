namespace MeioForecast.Storage.Tests.Input;

/// <summary>A small valid input folder in a temp directory: one supplier, plant, DC and two stores, one sku.</summary>
internal sealed class InputFolder : IDisposable
{
    public const string Settings = "key,value\nperiod,day\nhorizon,7\nquantile_levels,0.1;0.5;0.9\nseed,1\n";
    public const string Locations = "location,type,echelon\nSUP,supplier,3\nPLANT,plant,2\nDC,dc,1\nS1,store,0\nS2,store,0\n";
    public const string Lanes = "from,to,lead_time_mean,lead_time_sd\nSUP,PLANT,5,1\nPLANT,DC,3,0.5\nDC,S1,1,0\nDC,S2,2,0.5\n";
    public const string SkuNodes = "sku,location,unit_cost,holding_cost_rate,service_level,max_service_time,processing_time\n" +
        "A,PLANT,10,0.2,0.9,,1\nA,DC,11,0.25,0.95,,0\nA,S1,12,0.25,0.95,0,0\nA,S2,12,0.25,0.98,0,0\n";
    public const string Demand = "sku,location,date,quantity\nA,S1,2026-01-01,3\nA,S1,2026-01-02,4\nA,S2,2026-01-01,0\nA,S2,2026-01-02,5\n";
    public const string Signals = "date,signal,kind,value,sku,location\n2026-01-01,price,known,2.5,A,\n2026-01-03,price,known,2.5,A,\n2026-01-01,temperature,observed,4.5,,S1\n";

    public InputFolder(
        string settings = Settings,
        string locations = Locations,
        string lanes = Lanes,
        string skuNodes = SkuNodes,
        string demand = Demand,
        string? signals = Signals)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "meio-input-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        File.WriteAllText(System.IO.Path.Combine(Path, "settings.csv"), settings);
        File.WriteAllText(System.IO.Path.Combine(Path, "locations.csv"), locations);
        File.WriteAllText(System.IO.Path.Combine(Path, "lanes.csv"), lanes);
        File.WriteAllText(System.IO.Path.Combine(Path, "sku_nodes.csv"), skuNodes);
        File.WriteAllText(System.IO.Path.Combine(Path, "demand.csv"), demand);
        if (signals is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, "signals.csv"), signals);
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
