using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// The GSM demand bound with lead-time variability: D_j(tau) = the p-quantile of demand over
/// N = max(0, tau + L - E[L]) periods (see <see cref="RandomPeriodDemand"/>), floored at 0. The GSM still passes the
/// integer net replenishment time tau (built from mean lead times); the random part of the lead time L widens the bound.
/// Safety stock is D_j(tau) - E[demand over N periods]. Memoised per tau; thread-safe.
/// </summary>
public sealed class StochasticLeadTimeDemandBound : DemandBound
{
    private readonly object _sync = new();
    private readonly List<(double BaseStock, double Mean)> _memo = [];
    private readonly IReadOnlyList<LeadTimeOutcome> _outcomes;

    /// <summary>Creates the bound from the lead-time demand <paramref name="model"/>, the random <paramref name="leadTime"/> and service level p.</summary>
    public StochasticLeadTimeDemandBound(LeadTimeDemandModel model, LeadTime leadTime, double serviceLevel)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(leadTime);
        if (!(serviceLevel > 0.0 && serviceLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(serviceLevel), serviceLevel, "The service level must lie strictly between 0 and 1.");
        }

        Model = model;
        LeadTime = leadTime;
        _outcomes = RandomPeriodDemand.LeadTimeOutcomes(leadTime);
        ServiceLevel = serviceLevel;
        MeanPerPeriod = model.Mean(model.Horizon) / model.Horizon;
    }

    /// <summary>The lead-time demand model.</summary>
    public LeadTimeDemandModel Model { get; }

    /// <summary>L, the random lead time whose deviation from its mean is added to tau.</summary>
    public LeadTime LeadTime { get; }

    /// <summary>p, the service level.</summary>
    public double ServiceLevel { get; }

    /// <summary>The average per-period mean over the forecast horizon.</summary>
    public override double MeanPerPeriod { get; }

    /// <summary>The compound distribution of demand over N = max(0, tau + L - E[L]) periods.</summary>
    public DemandDistribution Exposure(int tau) => RandomPeriodDemand.Compound(Model, RandomPeriodDemand.PeriodCounts(_outcomes, tau));

    /// <inheritdoc />
    public override double BaseStock(int tau) => Entry(tau).BaseStock;

    /// <summary>D_j(tau) - E[demand over N periods].</summary>
    public override double SafetyStock(int tau)
    {
        var (baseStock, mean) = Entry(tau);
        return baseStock - mean;
    }

    private (double BaseStock, double Mean) Entry(int tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tau);
        lock (_sync)
        {
            for (var t = _memo.Count; t <= tau; t++)
            {
                var exposure = Exposure(t);
                _memo.Add((Math.Max(0.0, exposure.Quantile(ServiceLevel)), exposure.Mean));
            }

            return _memo[tau];
        }
    }
}
