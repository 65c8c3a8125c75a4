using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;
using MeioForecast.Simulation.Results;

namespace MeioForecast.Simulation.Tests;

// Guaranteed Service Model: Graves & Willems (2000), MSOM 2(1):68-83. Stage j's base stock B_j = D_j(tau_j),
// tau_j = SI_j + T_j - S_j, D(tau) = tau mu + z sigma sqrt(tau). When every upstream stage meets its quoted service time
// (here: shortfalls expedited), the customer stage sees a deterministic replenishment time and achieves Phi(z), and an
// internal stage needs to expedite exactly when demand over its tau exceeds its base stock: frequency 1 - Phi(z_j).
// Tolerance: 4 standard errors across independent replications (see SingleStageTests).
public class SerialAndAssemblyTests
{
    private const double Mu = 100, Sigma = 20;
    private static readonly SimulationOptions Options = new() { Replications = 320, Periods = 500, Seed = 7 };

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.0)]
    public void Serial_two_stage_gsm_solution_meets_its_customer_target_when_service_is_guaranteed(int upstreamServiceTime, double zUpstream)
    {
        const int t1 = 3, t2 = 2;
        const double zCustomer = 1.6448536269514722; // 95 %
        var tau1 = t1 - upstreamServiceTime;          // SI_1 = 0 (external supplier), S_1 quoted
        var tau2 = upstreamServiceTime + t2;          // SI_2 = S_1, S_2 = 0
        var network = Serial(upstreamServiceTime, Networks.Bound(Mu, Sigma, zUpstream, tau1), t1, Networks.Bound(Mu, Sigma, zCustomer, tau2), t2);

        var result = NetworkSimulator.Run(network, Options);

        AssertNear(Normal.Phi(zCustomer), result["customer"].CycleServiceLevel, result["customer"].CycleServiceLevelStandardError);
        var upstream = result["plant"];
        if (tau1 == 0)
        {
            Assert.Equal(0, upstream.ExpediteEvents); // B = 0 and a zero net replenishment time: ships from the pipeline
        }
        else
        {
            AssertNear(Normal.Phi(zUpstream), upstream.CycleServiceLevel, upstream.CycleServiceLevelStandardError);
            AssertNear(1.0 - Normal.Phi(zUpstream), upstream.ExpediteFrequency, upstream.CycleServiceLevelStandardError);
            Assert.True(upstream.ExpeditedUnits > 0);
        }

        Assert.Equal(0.0, result["customer"].ExpeditedUnits);
    }

    [Fact]
    public void Without_expediting_the_serial_system_follows_the_clark_scarf_recursion()
    {
        // Backorder mode, S = 0 everywhere (Clark & Scarf 1960; Zipkin 2000, Foundations of Inventory Management, 8.3):
        // the customer's end-of-period net inventory is B2 - D[t-T2+1, t] - (D[t-T2-T1+1, t-T2] - B1)^+, two disjoint
        // demand windows X ~ N(T2 mu, T2 sigma^2) and Y ~ N(T1 mu, T1 sigma^2). Hence
        // P(no stockout) = P(Y <= B1) P(X <= B2) + integral_{B1}^{inf} f_Y(y) P(X <= B2 - (y - B1)) dy (Simpson's rule).
        const int t1 = 3, t2 = 2;
        const double zCustomer = 1.6448536269514722;
        var b1 = Networks.Bound(Mu, Sigma, 0.0, t1);
        var b2 = Networks.Bound(Mu, Sigma, zCustomer, t2);
        var network = Serial(0, b1, t1, b2, t2);

        var backorder = NetworkSimulator.Run(network, Options with { Shortfall = ShortfallPolicy.Backorder });
        var expedite = NetworkSimulator.Run(network, Options);

        double mx = t2 * Mu, sx = Sigma * Math.Sqrt(t2), my = t1 * Mu, sy = Sigma * Math.Sqrt(t1);
        var exact = Normal.Phi((b1 - my) / sy) * Normal.Phi((b2 - mx) / sx)
                    + Simpson(y => Normal.Density((y - my) / sy) / sy * Normal.Phi((b2 - (y - b1) - mx) / sx), b1, my + 12 * sy, 4000);
        var customer = backorder["customer"];
        AssertNear(exact, customer.CycleServiceLevel, customer.CycleServiceLevelStandardError);
        Assert.Equal(0, backorder["plant"].ExpediteEvents);
        AssertNear(0.5, backorder["plant"].CycleServiceLevel, backorder["plant"].CycleServiceLevelStandardError);

        // The guaranteed-service assumption is worth several points of customer service here.
        Assert.True(expedite["customer"].CycleServiceLevel - customer.CycleServiceLevel > 0.03);
        Assert.True(expedite["plant"].ExpediteEvents > 0);
    }

    [Fact]
    public void Assembly_stage_with_guaranteed_components_meets_its_target_and_components_expedite_at_their_rate()
    {
        // Assembly A needs 1 unit of C1 and 2 units of C2; C2 sees demand 2 d ~ N(2 mu, 4 sigma^2).
        const double zA = 1.2815515655446004, z1 = 0.5, z2 = 0.0; // 90 %, 69 %, 50 %
        var network = new SimulationNetwork([
            new SimulationStage { Id = "C1", ProcessingTime = 2, BaseStock = Networks.Bound(Mu, Sigma, z1, 2) },
            new SimulationStage { Id = "C2", InboundLeadTime = new LeadTime(5, 0), BaseStock = Networks.Bound(2 * Mu, 2 * Sigma, z2, 5) },
            new SimulationStage
            {
                Id = "A", Upstream = [new StageSupply("C1"), new StageSupply("C2", 2.0)], ProcessingTime = 1,
                BaseStock = Networks.Bound(Mu, Sigma, zA, 1), CustomerDemand = CustomerDemand.Stationary(new NormalDistribution(Mu, Sigma)),
            },
        ]);

        var result = NetworkSimulator.Run(network, Options);

        AssertNear(Normal.Phi(zA), result["A"].CycleServiceLevel, result["A"].CycleServiceLevelStandardError);
        AssertNear(1 - Normal.Phi(z1), result["C1"].ExpediteFrequency, result["C1"].CycleServiceLevelStandardError);
        AssertNear(1 - Normal.Phi(z2), result["C2"].ExpediteFrequency, result["C2"].CycleServiceLevelStandardError);
        Assert.InRange(result["C2"].AverageDemand, 2 * Mu - 0.5, 2 * Mu + 0.5);
    }

    internal static SimulationNetwork Serial(int upstreamServiceTime, double b1, int t1, double b2, int t2) =>
        new([
            new SimulationStage { Id = "plant", ProcessingTime = t1, OutboundServiceTime = upstreamServiceTime, BaseStock = b1 },
            new SimulationStage
            {
                Id = "customer", Upstream = [new StageSupply("plant")], InboundLeadTime = new LeadTime(t2, 0), BaseStock = b2,
                CustomerDemand = CustomerDemand.Stationary(new NormalDistribution(Mu, Sigma)),
            },
        ]);

    private static void AssertNear(double expected, double actual, double standardError)
    {
        Assert.InRange(standardError, 1e-5, 0.01);
        Assert.InRange(actual, expected - 4 * standardError, expected + 4 * standardError);
    }

    private static double Simpson(Func<double, double> f, double a, double b, int intervals)
    {
        var h = (b - a) / intervals;
        var sum = f(a) + f(b);
        for (var i = 1; i < intervals; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
        }

        return sum * h / 3;
    }
}
