using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting;

/// <summary>A model needs a known-in-advance signal over the horizon and the request lacks it.</summary>
public sealed class MissingFutureSignalException : Exception
{
    /// <summary>Creates the error for <paramref name="signal"/> of <paramref name="node"/> at <paramref name="date"/>.</summary>
    public MissingFutureSignalException(string signal, SkuNode node, DateOnly date)
        : base($"Signal '{signal}' has no value for {node} on {date:yyyy-MM-dd}, inside the forecast horizon; supply its future values (known-in-advance signals need them).")
    {
        Signal = signal;
        Node = node;
        Date = date;
    }

    /// <summary>Creates the error with a message.</summary>
    public MissingFutureSignalException() : base("A future signal value is missing.") => Signal = "";

    /// <summary>Creates the error with a message.</summary>
    public MissingFutureSignalException(string message) : base(message) => Signal = "";

    /// <summary>Creates the error with a message and cause.</summary>
    public MissingFutureSignalException(string message, Exception innerException) : base(message, innerException) => Signal = "";

    /// <summary>The signal name.</summary>
    public string Signal { get; }

    /// <summary>The sku-node.</summary>
    public SkuNode Node { get; }

    /// <summary>The first date without a value.</summary>
    public DateOnly Date { get; }
}
