namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>Whose backtest paths a customer node replays under <see cref="DemandDraws.Replay"/>.</summary>
public enum ReplayPool
{
    /// <summary>Any of its sku's customer nodes' (drawn per block, the same dates for all): M x W values per node.</summary>
    Sku,

    /// <summary>Its own only: W = origins x H values per node.</summary>
    Node,
}
