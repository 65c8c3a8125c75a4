using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// Demand over a random number of periods N: the compound distribution P(D_N &lt;= x) = sum_n P(N = n) P(D(n) &lt;= x), a
/// mixture of the memoised tau-period sums (N independent of demand). Lead-time variability enters the GSM this way.
/// </summary>
/// <remarks>
/// The GSM decides with an integer net replenishment time tau that already contains the mean lead time E[L]. With a
/// random lead time L the exposure is N = max(0, tau + L - E[L]) periods: its mean is tau (unless the floor at 0 binds)
/// and its spread is L's. A non-integer n is split between floor(n) and floor(n) + 1 with weights that keep E[N].
/// L comes from <see cref="LeadTime.Distribution"/> when given (e.g. the Willems 2008 data's StageTime_k_v/_p pairs),
/// otherwise from a gamma with L's mean and standard deviation rounded to whole periods (cells (n - 1/2, n + 1/2]);
/// a deterministic L gives N = tau. For i.i.d. periods this reproduces the classic moments E[N] mu and
/// E[N] sigma^2 + Var[N] mu^2 (Hadley &amp; Whitin 1963, Analysis of Inventory Systems, sec. 4-9).
/// </remarks>
public static class RandomPeriodDemand
{
    /// <summary>The distribution of N = max(0, <paramref name="tau"/> + L - E[L]) on whole periods, sorted by periods.</summary>
    public static IReadOnlyList<LeadTimeOutcome> PeriodCounts(LeadTime leadTime, int tau)
    {
        ArgumentNullException.ThrowIfNull(leadTime);
        return PeriodCounts(LeadTimeOutcomes(leadTime), tau);
    }

    /// <summary>As <see cref="PeriodCounts(LeadTime, int)"/> from the lead time's outcomes (see <see cref="LeadTimeOutcomes"/>).</summary>
    public static IReadOnlyList<LeadTimeOutcome> PeriodCounts(IReadOnlyList<LeadTimeOutcome> outcomes, int tau) => PeriodCounts(outcomes, (double)tau);

    /// <summary>
    /// As <see cref="PeriodCounts(IReadOnlyList{LeadTimeOutcome}, int)"/> for a real <paramref name="tau"/> (periods
    /// covered by a stage whose time is not whole): N = max(0, tau + L - E[L]), split between whole periods keeping E[N].
    /// </summary>
    public static IReadOnlyList<LeadTimeOutcome> PeriodCounts(IReadOnlyList<LeadTimeOutcome> outcomes, double tau)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (!(tau >= 0.0) || !double.IsFinite(tau))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "The periods covered must be finite and non-negative.");
        }

        var mean = outcomes.Sum(o => o.Periods * o.Probability);
        var weights = new SortedDictionary<int, double>();
        foreach (var o in outcomes)
        {
            var n = Math.Max(0.0, tau + o.Periods - mean);
            var j = (int)Math.Floor(n + 1e-12);
            var fraction = Math.Max(0.0, n - j);
            Add(weights, j, o.Probability * (1.0 - fraction));
            if (fraction > 0.0)
            {
                Add(weights, j + 1, o.Probability * fraction);
            }
        }

        return [.. weights.Where(w => w.Value > 0.0).Select(w => new LeadTimeOutcome(w.Key, w.Value))];
    }

    /// <summary>
    /// The compound distribution of demand over N periods, N given by whole-period <paramref name="counts"/>. Lattice
    /// sums of a <see cref="ConvolvedLeadTimeDemand"/> mix exactly on their grid; otherwise a <see cref="MixtureDistribution"/>.
    /// </summary>
    public static DemandDistribution Compound(LeadTimeDemandModel model, IReadOnlyList<LeadTimeOutcome> counts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0 || counts.Any(c => c.Periods < 0 || c.Periods != Math.Floor(c.Periods) || !(c.Probability >= 0.0)))
        {
            throw new ArgumentException("Period counts must be whole, non-negative, with non-negative probabilities.", nameof(counts));
        }

        if (counts.Count == 1)
        {
            return model.Over((int)counts[0].Periods);
        }

        if (model is ConvolvedLeadTimeDemand convolved && !model.IsCorrelated)
        {
            return OnGrid(convolved, counts);
        }

        return new MixtureDistribution([.. counts.Select(c => model.Over((int)c.Periods))], [.. counts.Select(c => c.Probability)]);
    }

    private static DiscreteDistribution OnGrid(ConvolvedLeadTimeDemand model, IReadOnlyList<LeadTimeOutcome> counts) =>
        GridMixture.Mix([.. counts.Select(c => model.Grid((int)c.Periods))], [.. counts.Select(c => c.Probability)], model.IsLattice);

    /// <summary>
    /// L's outcomes: the given discrete distribution, or a gamma with L's mean and sd put on whole periods (cells
    /// (n - 1/2, n + 1/2], tails beyond 1e-9 lumped at the ends), or the mean alone when L is deterministic.
    /// </summary>
    public static IReadOnlyList<LeadTimeOutcome> LeadTimeOutcomes(LeadTime leadTime)
    {
        ArgumentNullException.ThrowIfNull(leadTime);
        if (leadTime.Distribution is { } given)
        {
            return [.. given];
        }

        if (leadTime.StandardDeviation == 0.0 || leadTime.Mean == 0.0)
        {
            return [new LeadTimeOutcome(leadTime.Mean, 1.0)];
        }

        var gamma = GammaDistribution.FromMoments(leadTime.Mean, leadTime.StandardDeviation);
        var hi = (int)Math.Ceiling(gamma.Quantile(1.0 - 1e-9));
        var result = new List<LeadTimeOutcome>();
        var previous = 0.0;
        for (var n = 0; n <= hi; n++)
        {
            var cdf = n == hi ? 1.0 : gamma.Cdf(n + 0.5);
            if (cdf > previous)
            {
                result.Add(new LeadTimeOutcome(n, cdf - previous));
            }

            previous = Math.Max(previous, cdf);
        }

        return result;
    }

    private static void Add(SortedDictionary<int, double> weights, int key, double value)
    {
        weights[key] = weights.TryGetValue(key, out var current) ? current + value : value;
    }
}
