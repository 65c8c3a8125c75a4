namespace MeioForecast.Core.Demand;

/// <summary>Whether an exogenous signal's future values are known when forecasting.</summary>
public enum SignalKind
{
    /// <summary>Planned in advance (price, promotion, holiday): future values are part of the input.</summary>
    KnownInAdvance,

    /// <summary>Only observed after the fact (weather): usable lagged, or from a supplied forecast of it.</summary>
    ObservedOnly,
}
