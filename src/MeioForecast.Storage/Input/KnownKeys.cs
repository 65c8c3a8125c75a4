namespace MeioForecast.Storage.Input;

/// <summary>
/// The keys a file defines, and the keys of its rows already rejected with an error: a reference to a rejected key (or to
/// anything, when the defining file could not be read to its end) is a follow-on of that root cause and is not reported
/// again, so one bad unit_cost gives one error line, not one per demand row of its sku-node.
/// </summary>
/// <typeparam name="T">The key type.</typeparam>
internal sealed class KnownKeys<T>(IEqualityComparer<T>? comparer = null)
    where T : notnull
{
    private readonly HashSet<T> _defined = new(comparer);
    private readonly HashSet<T> _rejected = new(comparer);

    /// <summary>False when the defining file is missing or could not be read to its end: every reference is then unverifiable.</summary>
    public bool Complete { get; set; } = true;

    /// <summary>The defined keys.</summary>
    public IReadOnlySet<T> Defined => _defined;

    public void Define(T key) => _defined.Add(key);

    public void Reject(T key) => _rejected.Add(key);

    public bool Contains(T key) => _defined.Contains(key);

    /// <summary>True when a row defining <paramref name="key"/> was rejected (and no other row defines it).</summary>
    public bool WasRejected(T key) => !_defined.Contains(key) && _rejected.Contains(key);

    /// <summary>True when a reference to <paramref name="key"/> is itself the root cause to report: undefined, not rejected, and the defining file read whole.</summary>
    public bool IsUnknown(T key) => Complete && !_defined.Contains(key) && !_rejected.Contains(key);
}
