using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Simulation.Tests;

// Each order draws its own lead time (orders may cross). An order placed in period s is outstanding at the end of
// period t iff L_s > t - s, independently across orders, so the outstanding quantity is O = sum_k d_{t-k} X_k with
// X_k ~ Bernoulli(p_k), p_k = P(L > k). Conditioning on N = sum_k X_k (a Poisson-binomial count, computed exactly by
// the usual convolution), O | N = n ~ N(n mu, n sigma^2); so P(no stockout) = sum_n P(N = n) Phi((B - n mu) / (sigma sqrt n)),
// E[O] = mu E[L] and Var[O] = (sigma^2 + mu^2) E[L] - mu^2 sum_k p_k^2. The textbook lead-time-demand variance
// E[L] sigma^2 + mu^2 Var[L] (Silver, Pyke & Thomas 2017, eq. 7.20; Hadley & Whitin 1963) describes one random lead time
// per cycle without crossing; it does not apply to this model (for this distribution it is about twice as large, asserted below).
public class StochasticLeadTimeTests
{
    private const double Mu = 100, Sigma = 20;

    private static readonly LeadTimeOutcome[] Outcomes = [new(1, 0.3), new(2, 0.2), new(4, 0.5)];

    [Fact]
    public void Cycle_service_level_and_on_hand_match_the_exact_outstanding_order_distribution()
    {
        var leadTime = new LeadTime(2.7, Math.Sqrt(1.81), Outcomes);
        var p = Survival(Outcomes); // p_k = P(L > k), k = 0, 1, ...
        var meanL = p.Sum();
        Assert.Equal(2.7, meanL, 12);

        var count = PoissonBinomial(p);
        var variance = (Sigma * Sigma + Mu * Mu) * meanL - Mu * Mu * p.Sum(x => x * x);
        var b = Mu * meanL + 1.0 * Math.Sqrt(variance);
        double csl = 0, onHand = 0;
        for (var n = 0; n < count.Length; n++)
        {
            var sd = Sigma * Math.Sqrt(n);
            csl += count[n] * (n == 0 ? 1.0 : Normal.Phi((b - n * Mu) / sd));
            onHand += count[n] * Normal.ExpectedShortfallBelow(n * Mu, sd, b);
        }

        var network = new SimulationNetwork([
            new SimulationStage
            {
                Id = "store", InboundLeadTime = leadTime, BaseStock = b,
                CustomerDemand = CustomerDemand.Stationary(new NormalDistribution(Mu, Sigma)),
            },
        ]);
        var s = NetworkSimulator.Run(network, new SimulationOptions { Replications = 320, Periods = 500, Seed = 3 })["store"];

        Assert.InRange(s.CycleServiceLevel, csl - 4 * s.CycleServiceLevelStandardError, csl + 4 * s.CycleServiceLevelStandardError);
        Assert.InRange(s.AverageOnHand, onHand - 4 * s.AverageOnHandStandardError, onHand + 4 * s.AverageOnHandStandardError);

        // The textbook variance (one random lead time, no crossing) overstates the spread here: 1.81 mu^2 vs 0.91 mu^2.
        var textbook = meanL * Sigma * Sigma + Mu * Mu * 1.81;
        Assert.True(textbook > variance);
    }

    [Fact]
    public void Mean_and_sd_without_a_distribution_become_a_discretized_normal_with_the_same_mean()
    {
        // N(3, 1) discretized on the integers is symmetric around 3, so E[L] = 3; the mean outstanding quantity is
        // mu E[L] and, with B = 0, the average backorder equals it: E[(O - 0)^+] = E[O] = 300.
        var network = new SimulationNetwork([
            new SimulationStage
            {
                Id = "store", InboundLeadTime = new LeadTime(3, 1), BaseStock = 0,
                CustomerDemand = CustomerDemand.Stationary(new NormalDistribution(Mu, Sigma)),
            },
        ]);
        var s = NetworkSimulator.Run(network, new SimulationOptions { Replications = 320, Periods = 300, Seed = 11 })["store"];

        Assert.InRange(s.AverageBackorders, 300 - 4 * s.AverageBackordersStandardError, 300 + 4 * s.AverageBackordersStandardError);
        Assert.True(s.CycleServiceLevel < 0.01); // only when no order is outstanding (L = 0 draws)
    }

    private static double[] Survival(IReadOnlyList<LeadTimeOutcome> outcomes)
    {
        var max = (int)outcomes.Max(o => o.Periods);
        return Enumerable.Range(0, max).Select(k => outcomes.Where(o => o.Periods > k).Sum(o => o.Probability)).ToArray();
    }

    private static double[] PoissonBinomial(double[] p)
    {
        var dist = new double[p.Length + 1];
        dist[0] = 1.0;
        for (var i = 0; i < p.Length; i++)
        {
            for (var n = i + 1; n >= 1; n--)
            {
                dist[n] = dist[n] * (1 - p[i]) + dist[n - 1] * p[i];
            }

            dist[0] *= 1 - p[i];
        }

        return dist;
    }
}
