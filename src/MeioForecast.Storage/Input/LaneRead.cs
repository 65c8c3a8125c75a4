namespace MeioForecast.Storage.Input;

/// <summary>What reading lanes.csv left for the network checks: whether every row made it, and where rejected rows pointed.</summary>
internal sealed class LaneRead
{
    /// <summary>False when lanes.csv (or a file its references need) could not be read whole.</summary>
    public bool Complete { get; set; } = true;

    /// <summary>True when any lane row was rejected.</summary>
    public bool Rejected { get; set; }

    /// <summary>The 'to' locations of rejected lane rows.</summary>
    public HashSet<string> RejectedTargets { get; } = new(StringComparer.Ordinal);
}
