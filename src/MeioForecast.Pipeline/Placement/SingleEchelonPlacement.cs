using MeioForecast.Core.Keys;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// Single-echelon placement (SEIO): every node buffers its own replenishment lead time as if its supplier always
/// delivered on time (S = SI = 0). Replenishment time L = processing time + the longest inbound lane's mean lead time;
/// lead-time demand has mean sum_{t&lt;L} mu_t and variance sum_{t&lt;L} sigma_t^2 + mu_bar^2 sigma_L^2 (the classic
/// random-lead-time formula, e.g. Silver, Pyke &amp; Thomas 2017, sec. 6.10; fractional periods count pro rata), and safety
/// stock = z_p * sd(lead-time demand), the lead-time demand taken over a window starting anywhere in the horizon
/// (<see cref="HorizonLeadTimeDemandMoments"/>: one base stock serves the whole horizon). With stationary demand and a fixed lead time this is z * sigma * sqrt(L).
/// The reference every network placement is compared against.
/// </summary>
public sealed class SingleEchelonPlacement : IStockPlacement
{
    /// <inheritdoc />
    public string Name => "single-echelon";

    /// <inheritdoc />
    public IStockPlacement? Fallback => null;

    /// <inheritdoc />
    public IReadOnlyList<TargetRow> PlaceSku(SkuNetwork network, NodeDemand demand, IReadOnlyDictionary<SkuNode, double>? serviceLevels = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(demand);
        var rows = new List<TargetRow>(network.Nodes.Count);
        foreach (var stage in network.Stages)
        {
            var node = stage.Node;
            var leadTime = stage.StageTime;
            var mean = demand.Mean(node.Key);
            var level = serviceLevels?.GetValueOrDefault(node.Key, node.ServiceLevel) ?? node.ServiceLevel;
            var (ltdMean, safety) = demand.Bound(stage, level).SingleEchelon(stage);
            rows.Add(new TargetRow(
                node.Key.Sku,
                node.Key.Location,
                node.ServiceLevel,
                OutboundServiceTime: 0,
                InboundServiceTime: 0,
                NetReplenishmentTime: leadTime,
                MeanDemandPerPeriod: mean.Average(),
                SafetyStock: safety,
                BaseStock: ltdMean + safety,
                HoldingCost: safety * node.AnnualHoldingCostPerUnit));
        }

        return rows;
    }

    /// <summary>
    /// Mean and variance of demand over <paramref name="leadTime"/> periods starting in a period drawn uniformly from
    /// the horizon (periods taken cyclically, as the horizon's pattern repeats, e.g. a weekly profile): the mixture over
    /// the H start periods s, with mean m = (1/H) sum_s m_s and variance (1/H) sum_s v_s + (1/H) sum_s (m_s - m)^2
    /// (law of total variance), plus the lead-time variability term (m / L)^2 sigma_L^2. A base stock held constant over
    /// the horizon at m + z sqrt(variance) then targets the cycle service averaged over the horizon's periods, not just
    /// the first window's (which, with a weekly profile, may hold the week's quietest days). Equal to
    /// <see cref="LeadTimeDemandMoments"/> when demand is stationary.
    /// </summary>
    public static (double Mean, double Variance) HorizonLeadTimeDemandMoments(IReadOnlyList<double> mean, IReadOnlyList<double> variance, double leadTime, double leadTimeSd)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(variance);
        var h = mean.Count;
        double sumMean = 0, sumSquare = 0, sumVariance = 0;
        var whole = (int)Math.Floor(leadTime);
        for (var s = 0; s < h; s++)
        {
            double m = 0, v = 0;
            for (var t = 0; t <= whole; t++)
            {
                var weight = t < whole ? 1.0 : leadTime - whole;
                if (weight <= 0)
                {
                    break;
                }

                var i = (s + t) % h;
                m += weight * mean[i];
                v += weight * variance[i];
            }

            sumMean += m;
            sumSquare += m * m;
            sumVariance += v;
        }

        var mixtureMean = sumMean / h;
        var mixtureVariance = (sumVariance / h) + Math.Max(0.0, (sumSquare / h) - (mixtureMean * mixtureMean));
        if (leadTime > 0)
        {
            var perPeriod = mixtureMean / leadTime;
            mixtureVariance += perPeriod * perPeriod * leadTimeSd * leadTimeSd;
        }

        return (mixtureMean, mixtureVariance);
    }

    /// <summary>
    /// Mean and variance of demand over the first <paramref name="leadTime"/> periods (a fractional last period counts
    /// pro rata; periods past the horizon repeat the last one), plus the lead-time variability term mu_bar^2 sigma_L^2.
    /// </summary>
    public static (double Mean, double Variance) LeadTimeDemandMoments(IReadOnlyList<double> mean, IReadOnlyList<double> variance, double leadTime, double leadTimeSd)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(variance);
        double m = 0, v = 0;
        var whole = (int)Math.Floor(leadTime);
        for (var t = 0; t <= whole; t++)
        {
            var weight = t < whole ? 1.0 : leadTime - whole;
            if (weight <= 0)
            {
                break;
            }

            var i = Math.Min(t, mean.Count - 1);
            m += weight * mean[i];
            v += weight * variance[i];
        }

        if (leadTime > 0)
        {
            var perPeriod = m / leadTime;
            v += perPeriod * perPeriod * leadTimeSd * leadTimeSd;
        }

        return (m, v);
    }
}
