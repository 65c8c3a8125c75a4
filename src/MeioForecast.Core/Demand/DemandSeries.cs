using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Core.Demand;

/// <summary>
/// The demand history of one sku-node: consecutive periods from <see cref="Start"/>, one quantity each.
/// A period without a row in the input is zero demand; the series starts at the node's first row.
/// </summary>
public sealed record DemandSeries
{
    /// <summary>Creates a series; quantities must be finite and non-negative.</summary>
    public DemandSeries(SkuNode key, PeriodKind period, DateOnly start, IReadOnlyList<double> quantities)
    {
        ArgumentNullException.ThrowIfNull(quantities);
        for (var i = 0; i < quantities.Count; i++)
        {
            if (!(quantities[i] >= 0.0) || !double.IsFinite(quantities[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(quantities), quantities[i], $"Demand of {key} at period {i} must be finite and non-negative.");
            }
        }

        Key = key;
        Period = period;
        Start = start;
        Quantities = quantities;
    }

    /// <summary>The sku-node.</summary>
    public SkuNode Key { get; }

    /// <summary>The period length.</summary>
    public PeriodKind Period { get; }

    /// <summary>Date of the first period.</summary>
    public DateOnly Start { get; }

    /// <summary>Demand per period, oldest first.</summary>
    public IReadOnlyList<double> Quantities { get; }

    /// <summary>Number of periods.</summary>
    public int Length => Quantities.Count;

    /// <summary>Date of the last period.</summary>
    public DateOnly End => Period.Add(Start, Length - 1);

    /// <summary>Date of period index <paramref name="index"/> (may be past the end, for forecasts).</summary>
    public DateOnly DateAt(int index) => Period.Add(Start, index);
}
