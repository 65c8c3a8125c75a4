namespace MeioForecast.Forecasting.Selection;

/// <summary>Route names of <see cref="SelectingForecaster.Route"/>, also written as the method of fallback sku-nodes.</summary>
public static class Routing
{
    /// <summary>Served by the candidate forecasters.</summary>
    public const string Model = "model";

    /// <summary>Too short a history: served by the fallback.</summary>
    public const string New = "fallback-new";

    /// <summary>Mostly zero demand: served by the fallback.</summary>
    public const string Intermittent = "fallback-intermittent";
}
