using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Core.Demand;

/// <summary>
/// Exogenous signals (price, promotion, holidays, weather) by name and date, each value scoped to all sku-nodes, one sku,
/// one location or one sku-node. Lookup takes the most specific value: sku-node, then sku, then location, then global.
/// </summary>
public sealed class SignalTable
{
    private readonly Dictionary<(string Name, string Sku, string Location), DatedValues> _values;

    /// <summary>Creates a table from definitions and scoped values ("" as sku or location = any); a repeated key keeps its last value.</summary>
    public SignalTable(
        IReadOnlyDictionary<string, SignalKind> kinds,
        IEnumerable<KeyValuePair<(string Name, DateOnly Date, string Sku, string Location), double>> values)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(values);
        Kinds = new SortedDictionary<string, SignalKind>(kinds.ToDictionary(k => k.Key, k => k.Value), StringComparer.Ordinal);
        _values = [];
        foreach (var kv in values)
        {
            if (!Kinds.ContainsKey(kv.Key.Name))
            {
                throw new ArgumentException($"Signal '{kv.Key.Name}' has values but no kind.", nameof(values));
            }

            var scope = (kv.Key.Name, kv.Key.Sku, kv.Key.Location);
            if (!_values.TryGetValue(scope, out var series))
            {
                _values[scope] = series = new DatedValues();
            }

            if (series.Set(kv.Key.Date, kv.Value, overwrite: false))
            {
                Count++;
            }
            else
            {
                series.Set(kv.Key.Date, kv.Value, overwrite: true);
            }
        }
    }

    /// <summary>Adopts the series collected by <see cref="SignalTableBuilder"/> (no copy).</summary>
    internal SignalTable(IReadOnlyDictionary<string, SignalKind> kinds, Dictionary<(string Name, string Sku, string Location), DatedValues> values, int count)
    {
        Kinds = new SortedDictionary<string, SignalKind>(kinds.ToDictionary(k => k.Key, k => k.Value), StringComparer.Ordinal);
        foreach (var name in values.Keys.Select(k => k.Name).Distinct(StringComparer.Ordinal))
        {
            if (!Kinds.ContainsKey(name))
            {
                throw new ArgumentException($"Signal '{name}' has values but no kind.", nameof(values));
            }
        }

        _values = values;
        Count = count;
    }

    /// <summary>An empty table.</summary>
    public static SignalTable Empty { get; } = new(new Dictionary<string, SignalKind>(), []);

    /// <summary>Signal names (ordinal order) and their kinds.</summary>
    public IReadOnlyDictionary<string, SignalKind> Kinds { get; }

    /// <summary>Signal names in ordinal order.</summary>
    public IEnumerable<string> Names => Kinds.Keys;

    /// <summary>Number of stored values.</summary>
    public int Count { get; }

    /// <summary>The most specific value of <paramref name="name"/> at <paramref name="date"/> for <paramref name="node"/>.</summary>
    public bool TryGetValue(string name, DateOnly date, SkuNode node, out double value) =>
        TryGet((name, node.Sku, node.Location), date, out value)
        || TryGet((name, node.Sku, ""), date, out value)
        || TryGet((name, "", node.Location), date, out value)
        || TryGet((name, "", ""), date, out value);

    /// <summary>
    /// The values of <paramref name="name"/> for <paramref name="node"/> over <paramref name="count"/> periods from
    /// <paramref name="start"/>; NaN where no value is given.
    /// </summary>
    public double[] Series(string name, SkuNode node, PeriodKind period, DateOnly start, int count)
    {
        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = TryGetValue(name, period.Add(start, i), node, out var v) ? v : double.NaN;
        }

        return result;
    }

    private bool TryGet((string Name, string Sku, string Location) scope, DateOnly date, out double value)
    {
        if (_values.TryGetValue(scope, out var series))
        {
            return series.TryGet(date, out value);
        }

        value = 0.0;
        return false;
    }
}
