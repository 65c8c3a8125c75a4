namespace MeioForecast.Simulation.Engine;

/// <summary>Rationing of a stage's available stock over its claimants (downstream stages, then customers).</summary>
internal static class ClaimAllocation
{
    /// <summary>
    /// Splits <paramref name="amount"/> over <paramref name="claims"/>: everything when it covers their total, otherwise
    /// pro rata with the last positive claim taking the remainder, so the shares sum to the amount exactly. Returns the total claim.
    /// </summary>
    public static double Allocate(ReadOnlySpan<double> claims, double amount, Span<double> shares)
    {
        var total = 0.0;
        var last = -1;
        for (var i = 0; i < claims.Length; i++)
        {
            total += claims[i];
            if (claims[i] > 0.0)
            {
                last = i;
            }
        }

        if (amount >= total)
        {
            claims.CopyTo(shares);
            return total;
        }

        var fraction = amount / total;
        var given = 0.0;
        for (var i = 0; i < claims.Length; i++)
        {
            shares[i] = i < last ? claims[i] * fraction : 0.0;
            given += shares[i];
        }

        shares[last] = Math.Clamp(amount - given, 0.0, claims[last]);
        return total;
    }
}
