namespace MeioForecast.Core.Demand;

/// <summary>
/// Collects scoped signal values one at a time (detecting duplicates) and builds a <see cref="SignalTable"/> without an
/// intermediate copy: the input reader's path for large signal files.
/// </summary>
public sealed class SignalTableBuilder
{
    private readonly Dictionary<(string Name, string Sku, string Location), DatedValues> _series = [];
    private bool _built;

    /// <summary>Number of values added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the value of <paramref name="name"/> at <paramref name="date"/> for the scope ("" = any); false when that key already has a value.</summary>
    public bool TryAdd(string name, DateOnly date, string sku, string location, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(location);
        ObjectDisposedException.ThrowIf(_built, this);
        if (!_series.TryGetValue((name, sku, location), out var values))
        {
            _series[(name, sku, location)] = values = new DatedValues();
        }

        if (!values.Set(date, value, overwrite: false))
        {
            return false;
        }

        Count++;
        return true;
    }

    /// <summary>The table of the values added, with <paramref name="kinds"/>; the builder cannot be used afterwards.</summary>
    /// <exception cref="ArgumentException">A signal has values but no kind.</exception>
    public SignalTable Build(IReadOnlyDictionary<string, SignalKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ObjectDisposedException.ThrowIf(_built, this);
        _built = true;
        return new SignalTable(kinds, _series, Count);
    }
}
