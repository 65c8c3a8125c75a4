using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Explainability.Shapley;

namespace MeioForecast.Explainability.Tests;

public class BufferAttributionTests
{
    private static readonly SkuNode Key = new("A", "DC");

    /// <summary>A closed-form toy buffer: safety = service level x lead-time mean, cost = safety x unit holding cost.</summary>
    private static BufferLevels Product(NodeDrivers d)
    {
        var safety = d.ServiceLevel * d.LeadTimeMean;
        return new BufferLevels(safety, safety + d.Mean[0], safety * d.UnitHoldingCost);
    }

    private static NodeDrivers Drivers(double mean, double sl, double lt, double h, double s = 0, double si = 0) =>
        new([mean], [4.0], lt, 0.5, sl, h, s, si);

    /// <summary>The coalition's drivers: those whose bit is set from <paramref name="after"/>.</summary>
    private static NodeDrivers Mix(NodeDrivers before, NodeDrivers after, int mask)
    {
        NodeDrivers Pick(BufferDriver d) => (mask & (1 << (int)d)) != 0 ? after : before;
        return new NodeDrivers(
            Pick(BufferDriver.DemandLevel).Mean, Pick(BufferDriver.DemandUncertainty).Variance, Pick(BufferDriver.LeadTimeMean).LeadTimeMean,
            Pick(BufferDriver.LeadTimeVariability).LeadTimeSd, Pick(BufferDriver.ServiceLevel).ServiceLevel, Pick(BufferDriver.HoldingCost).UnitHoldingCost, 0, 0);
    }

    [Fact]
    public void Two_and_three_factor_products_get_their_closed_form_shares()
    {
        // Closed forms worked out by hand from Shapley's (1953) definition over the join orders: for v = x y (2 orders),
        // phi_x = dx (y0 + y1) / 2; for v = x y z (6 orders), phi_x = dx [(y0 z0 + y1 z1) / 3 + (y0 z1 + y1 z0) / 6].
        var before = Drivers(10, 0.9, 4, 2);
        var after = Drivers(13, 0.95, 6, 2.5);
        var e = BufferAttribution.Explain(Key, ExplanationBaseline.PreviousRun, mask => Product(Mix(before, after, mask)));
        Assert.Equal(0.05 * (4 + 6) / 2, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.ServiceLevel), 1e-12);
        Assert.Equal(2 * (0.9 + 0.95) / 2, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.LeadTimeMean), 1e-12);
        Assert.Equal(0.0, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.HoldingCost));
        Assert.Equal(0.0, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandLevel));
        Assert.Equal(3.0, e.Contribution(BufferMeasure.BaseStock, BufferDriver.DemandLevel), 1e-12);

        static double Three(double dx, double y0, double y1, double z0, double z1) => dx * ((((y0 * z0) + (y1 * z1)) / 3) + (((y0 * z1) + (y1 * z0)) / 6));
        Assert.Equal(Three(0.05, 4, 6, 2, 2.5), e.Contribution(BufferMeasure.HoldingCost, BufferDriver.ServiceLevel), 1e-12);
        Assert.Equal(Three(2, 0.9, 0.95, 2, 2.5), e.Contribution(BufferMeasure.HoldingCost, BufferDriver.LeadTimeMean), 1e-12);
        Assert.Equal(Three(0.5, 0.9, 0.95, 4, 6), e.Contribution(BufferMeasure.HoldingCost, BufferDriver.HoldingCost), 1e-12);
        foreach (var measure in Enum.GetValues<BufferMeasure>())
        {
            Assert.True(BufferAttribution.IsAdditive(e.Of(measure)));
        }
    }

    [Fact]
    public void The_largest_driver_names_its_input_change_and_the_placement_response_follows()
    {
        var values = new double[7];
        values[(int)BufferDriver.HoldingCost] = -882;
        var zero = new ShapleyResult(new double[7], 0, 0);
        var e = new NodeExplanation(new SkuNode("SKU-006", "DC-EAST"), ExplanationBaseline.PreviousRun, new ShapleyResult(values, 882, 0), zero, zero)
        {
            InputChanges = new Dictionary<BufferDriver, string> { [BufferDriver.HoldingCost] = "holding cost +60% at DC-EAST" },
            Mechanism = "the optimizer moved stock downstream (S 0 -> 3)",
        };
        Assert.Equal(
            "Safety stock at DC-EAST for SKU SKU-006 fell 882 units (-100%): holding cost -882 (holding cost +60% at DC-EAST), so the optimizer moved stock downstream (S 0 -> 3)",
            ExplanationSentence.Format(e));
    }

    [Fact]
    public void A_decomposition_that_does_not_add_up_is_refused()
    {
        Assert.True(BufferAttribution.IsAdditive(new ShapleyResult([1.0, 2.0], 10, 13)));
        Assert.False(BufferAttribution.IsAdditive(new ShapleyResult([1.0, 2.0], 10, 13.0001)));
        Assert.True(BufferAttribution.IsAdditive(new ShapleyResult([1.0, 2.0], 1e6, 1e6 + 3 + 1e-4)));
    }

    [Fact]
    public void Rounding_noise_on_a_buffer_of_zero_is_additive_but_a_real_residual_is_not()
    {
        // Seen in a browser-test run: base stock 0 before and after, contributions of rounding noise summing to 2.8e-14.
        // A relative tolerance of a zero scale refused it; the absolute floor (1e-9 units) admits it, and nothing more.
        Assert.True(BufferAttribution.IsAdditive(new ShapleyResult([1.4e-14, 1.4e-14, 0.0], 0, 0)));
        Assert.False(BufferAttribution.IsAdditive(new ShapleyResult([1e-6, 0.0, 0.0], 0, 0)));
    }

    [Fact]
    public void Sentence_names_the_change_and_the_largest_drivers_first()
    {
        var values = new double[7];
        values[(int)BufferDriver.DemandUncertainty] = 28.2;
        values[(int)BufferDriver.LeadTimeVariability] = 15.4;
        values[(int)BufferDriver.Network] = -3.1;
        values[(int)BufferDriver.ServiceLevel] = -0.5;
        values[(int)BufferDriver.HoldingCost] = 0.01;
        var change = values.Sum();
        var zero = new ShapleyResult(new double[7], 0, 0);
        var e = new NodeExplanation(new SkuNode("123", "DC-East"), ExplanationBaseline.PreviousRun, new ShapleyResult(values, 200, 200 + change), zero, zero);
        Assert.Equal(
            "Safety stock at DC-East for SKU 123 rose 40 units (+20%): demand uncertainty +28, lead-time variability +15, network -3.1",
            ExplanationSentence.Format(e));
        var first = e with { Baseline = ExplanationBaseline.SingleEchelon, SafetyStock = new ShapleyResult(values, 100, 100 + change) };
        Assert.Equal(
            "Safety stock at DC-East for SKU 123 is 140 units, 40 above single-echelon placement (+40%): demand uncertainty +28, lead-time variability +15, network -3.1",
            ExplanationSentence.Format(first));
    }

    [Fact]
    public void Ranking_puts_the_largest_moves_first()
    {
        var zero = new ShapleyResult(new double[7], 0, 0);
        NodeExplanation Node(string location, double change) =>
            new(new SkuNode("A", location), ExplanationBaseline.PreviousRun, new ShapleyResult(new double[7], 10, 10 + change), zero, zero);
        var ranked = ExplanationSentence.Rank([Node("S1", 2), Node("S2", -7), Node("S3", 5), Node("S0", 5)]);
        Assert.Equal(["S2", "S0", "S3", "S1"], ranked.Select(e => e.Key.Location));
    }
}
