using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// The GSM demand bound from the lead-time demand distribution: D_j(tau) = the p-quantile of demand over tau periods,
/// p = the stage's service level (Graves &amp; Willems 2000, MSOM 2(1):68-83, eq. for the base stock
/// B_j = D_j(SI_j + T_j - S_j)), floored at 0. Safety stock is D_j(tau) - E[D(tau)], exact for non-identical periods.
/// Memoised per tau; thread-safe.
/// </summary>
public sealed class DistributionDemandBound : DemandBound
{
    private readonly object _sync = new();
    private readonly List<double> _memo = [0.0];

    /// <summary>Creates the bound over <paramref name="model"/> at service level <paramref name="serviceLevel"/> in (0, 1).</summary>
    public DistributionDemandBound(LeadTimeDemandModel model, double serviceLevel)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(serviceLevel > 0.0 && serviceLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(serviceLevel), serviceLevel, "The service level must lie strictly between 0 and 1.");
        }

        Model = model;
        ServiceLevel = serviceLevel;
        MeanPerPeriod = model.Mean(model.Horizon) / model.Horizon;
    }

    /// <summary>The lead-time demand model.</summary>
    public LeadTimeDemandModel Model { get; }

    /// <summary>p, the service level.</summary>
    public double ServiceLevel { get; }

    /// <summary>The average per-period mean over the forecast horizon (informative; safety stock uses the exact E[D(tau)]).</summary>
    public override double MeanPerPeriod { get; }

    /// <inheritdoc />
    public override double BaseStock(int tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tau);
        lock (_sync)
        {
            for (var t = _memo.Count; t <= tau; t++)
            {
                _memo.Add(Math.Max(0.0, Model.Over(t).Quantile(ServiceLevel)));
            }

            return _memo[tau];
        }
    }

    /// <summary>D_j(tau) - E[D(tau)].</summary>
    public override double SafetyStock(int tau) => BaseStock(tau) - Model.Mean(tau);
}
