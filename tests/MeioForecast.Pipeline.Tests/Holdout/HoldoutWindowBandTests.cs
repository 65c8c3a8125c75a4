using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Holdout;
using MeioForecast.Simulation.Network;

namespace MeioForecast.Pipeline.Tests.Holdout;

/// <summary>
/// The window band of <c>meio holdout</c> against closed forms. Setting: stores supplied by an external supplier over a
/// deterministic 1-day lane, S = SI = 0, so tau = 1 and the net inventory when day t's demand is due is the base stock
/// B (the order of t - 1 has just arrived, whatever was backordered): day t stocks out iff d(t) &gt; B, with no memory.
/// Each day's forecast has q0.1 = 5, q0.5 = 10, q0.9 = 15 and B = 15, so a day drawn at uniform u stocks out iff
/// u &gt; 0.9 (the rebuilt quantile function is strictly increasing above its top knot). One store's service over a
/// window of N days is then 1 - X / N with X ~ Binomial(N, 0.1) stockouts (independent Bernoulli days).
/// </summary>
public class HoldoutWindowBandTests
{
    private const int Days = 24;
    private const int Windows = 4000;
    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly QuantileLevel[] Levels = [new(0.1), new(0.5), new(0.9)];

    // 30 days of history at 10/day (the origin is the 30th), then 24 held-out days with 3 above B = 15: achieved 21/24.
    private static readonly double[] Actual = [10, 16, 8, 12, 3, 20, 0, 12, 14, 9, 10, 11, 7, 9, 18, 10, 12, 13, 6, 10, 11, 9, 10, 12];

    private static DateOnly Origin => Start.AddDays(29);

    private static PlanningInput Input(int stores, int skus = 1)
    {
        var locations = new Dictionary<string, Location> { ["SUP"] = new("SUP", LocationType.Supplier, 1) };
        var lanes = new List<Lane>();
        var nodes = new List<SkuNodeParameters>();
        var demand = new List<DemandSeries>();
        for (var i = 1; i <= stores; i++)
        {
            var id = $"S{i:00}";
            locations[id] = new Location(id, LocationType.Store, 0);
            lanes.Add(new Lane(null, "SUP", id, new LeadTime(1, 0)));
            foreach (var sku in Enumerable.Range(0, skus).Select(k => ((char)('A' + k)).ToString()))
            {
                nodes.Add(new SkuNodeParameters(new SkuNode(sku, id), 1, 0.25, 0.9, 0, 0));
                demand.Add(new DemandSeries(new SkuNode(sku, id), PeriodKind.Day, Start, [.. Enumerable.Repeat(10.0, 30), .. Actual]));
            }
        }

        return new PlanningInput(new PlanningSettings(PeriodKind.Day, Days, Levels, 7), locations, lanes, nodes, demand, SignalTable.Empty);
    }

    private static PlanningResult Plan(PlanningInput input)
    {
        var forecasts = input.SkuNodes.Select(n =>
        {
            var q = new double[Days, 3];
            for (var t = 0; t < Days; t++)
            {
                (q[t, 0], q[t, 1], q[t, 2]) = (5, 10, 15);
            }

            return new SeriesForecast(n.Key, Origin.AddDays(1), Levels, q, "test");
        }).ToArray();
        var targets = input.SkuNodes.Select(n => new TargetRow(n.Key.Sku, n.Key.Location, 0.9, 0, 0, 1, 10, 5, 15, 0)).ToArray();
        return new PlanningResult(forecasts, targets, "test");
    }

    private static (WindowServiceBand Band, HoldoutReport Report) Band(PlanningInput input, PlanningResult plan, bool sharedDates = false)
    {
        var options = new HoldoutOptions { Origin = Origin, WarmUp = HoldoutWarmUp.Plan, BandReplications = Windows };
        var report = HoldoutReplay.Replay(input, plan.Targets, options, CancellationToken.None);
        var band = sharedDates
            ? HoldoutWindowBand.SimulateSharedDates(input, plan, report, options, CancellationToken.None)
            : HoldoutWindowBand.Simulate(input, plan, report, options, CancellationToken.None);
        return (band!, report);
    }

    /// <summary>P(X &lt;= k) for X ~ Binomial(n, p), k = 0..n (closed form, summed term by term).</summary>
    private static double[] BinomialCdf(int n, double p)
    {
        var cdf = new double[n + 1];
        var term = Math.Pow(1 - p, n);
        var sum = 0.0;
        for (var k = 0; k <= n; k++)
        {
            sum += term;
            cdf[k] = sum;
            term *= (n - k) / (k + 1.0) * p / (1 - p);
        }

        return cdf;
    }

    /// <summary>
    /// The q-quantile (smallest s with P(S &lt;= s) &gt;= q) of S = 1 - X / n: P(S &lt;= 1 - k / n) = P(X &gt;= k), so it is
    /// 1 - k / n for the largest k with P(X &gt;= k) &gt;= q. Also returns the distance of the two CDF values around
    /// the quantile from q, which a Monte Carlo quantile needs to be clear of.
    /// </summary>
    private static (double Quantile, double Margin) ServiceQuantile(double[] cdf, double q)
    {
        var n = cdf.Length - 1;
        var k = Enumerable.Range(0, n + 1).Last(k => (k == 0 ? 1.0 : 1 - cdf[k - 1]) >= q);
        var atK = k == 0 ? 1.0 : 1 - cdf[k - 1];
        var above = 1 - cdf[k];
        return (1.0 - ((double)k / n), Math.Min(atK - q, q - above));
    }

    [Fact]
    public void Independent_days_give_the_binomial_band_and_pit_of_one_store()
    {
        // Source of the expected values: X ~ Binomial(24, 0.1) (closed form above). 5 % quantile of the window service
        // 19/24 (P(X >= 5) = 0.085, P(X >= 6) = 0.028), 95 % quantile 1 (P(X >= 1) = 0.920); mean 0.9. The achieved
        // 21/24 (3 stockouts) has mid-PIT P(X > 3) + P(X = 3) / 2 = 0.325.
        var input = Input(1);
        var (band, report) = Band(input, Plan(input));
        var cdf = BinomialCdf(Days, 0.1);
        var (lower, lowerMargin) = ServiceQuantile(cdf, 0.05);
        var (upper, upperMargin) = ServiceQuantile(cdf, 0.95);
        var mcError = 4 * Math.Sqrt(0.05 * 0.95 / Windows);
        Assert.True(lowerMargin > mcError && upperMargin > mcError, "the binomial CDF must be clear of 5 % and 95 % by 4 Monte Carlo s.e.");

        Assert.Equal(21.0 / 24.0, report.AverageAchieved, 12);
        Assert.Equal("independent", band.Draws);
        Assert.Equal(19.0 / 24.0, lower, 12);
        Assert.Equal(1.0, upper, 12);
        Assert.Equal(lower, band.Lower, 12);
        Assert.Equal(upper, band.Upper, 12);
        Assert.True(band.Inside);
        var sd = Math.Sqrt(0.1 * 0.9 / Days);
        Assert.InRange(band.Mean, 0.9 - (4 * sd / Math.Sqrt(Windows)), 0.9 + (4 * sd / Math.Sqrt(Windows)));
        Assert.InRange(band.StandardDeviation, sd * 0.95, sd * 1.05);
        var pit = 1 - cdf[3] + ((cdf[3] - cdf[2]) / 2);
        Assert.InRange(band.Pit, pit - (4 * Math.Sqrt(pit * (1 - pit) / Windows)), pit + (4 * Math.Sqrt(pit * (1 - pit) / Windows)));
    }

    [Fact]
    public void A_shock_shared_by_every_store_keeps_the_one_store_band_where_independent_stores_narrow_it()
    {
        // Twelve stores replay one backtest path whose 10 origins have every store's PIT at 0.5 (no stockout) except origin 0
        // at 0.95 (a stockout at every store): with blocks of one day each day draws a uniform origin, so the twelve stores
        // stock out together with probability 1/10 (ReplayPaths: block position and member shift shared by a sku's
        // nodes). Their mean service is one store's 1 - X / 24, X ~ Binomial(24, 0.1): band 19/24 .. 1, as one store.
        // Drawn independently the stores' stockouts are 12 x 24 independent Bernoulli(0.1) days: the mean service is
        // 1 - Y / 288, Y ~ Binomial(288, 0.1), a band about sqrt(12) times narrower (each end within one count of 1/288,
        // Monte Carlo quantile next to a CDF step).
        const int stores = 12;
        const int origins = 10;
        var input = Input(stores);
        var shared = Band(input, Plan(input) with { Replay = StockoutAtOriginZero(input, origins) }).Band;
        var independent = Band(input, Plan(input)).Band;

        Assert.Equal("replay", shared.Draws);
        Assert.Equal(19.0 / 24.0, shared.Lower, 12);
        Assert.Equal(1.0, shared.Upper, 12);
        var sd = Math.Sqrt(0.1 * 0.9 / Days);
        Assert.InRange(shared.StandardDeviation, sd * 0.95, sd * 1.05);

        var cdf = BinomialCdf(stores * Days, 0.1);
        Assert.InRange(independent.Lower, ServiceQuantile(cdf, 0.05).Quantile - (1.0 / 288) - 1e-12, ServiceQuantile(cdf, 0.05).Quantile + (1.0 / 288) + 1e-12);
        Assert.InRange(independent.Upper, ServiceQuantile(cdf, 0.95).Quantile - (1.0 / 288) - 1e-12, ServiceQuantile(cdf, 0.95).Quantile + (1.0 / 288) + 1e-12);
        Assert.InRange(independent.StandardDeviation, sd / Math.Sqrt(stores) * 0.95, sd / Math.Sqrt(stores) * 1.05);
        Assert.True(shared.Upper - shared.Lower > 3 * (independent.Upper - independent.Lower));
    }

    /// <summary>The replay of <see cref="A_shock_shared_by_every_store_keeps_the_one_store_band_where_independent_stores_narrow_it"/>: every node stocks out at origin 0's dates only.</summary>
    private static Dictionary<SkuNode, ReplayMember> StockoutAtOriginZero(PlanningInput input, int origins)
    {
        var result = new Dictionary<SkuNode, ReplayMember>();
        foreach (var sku in input.SkuNodes.GroupBy(n => n.Key.Sku))
        {
            var keys = sku.Select(n => n.Key).Order().ToArray();
            var points = keys.Select(_ => Enumerable.Range(0, origins * Days).Select(i => i < Days ? 0.95 : 0.5).ToArray()).ToArray();
            var paths = new ReplayPaths(points, points, Days, blockLength: 1, pooled: true);
            for (var m = 0; m < keys.Length; m++)
            {
                result[keys[m]] = new ReplayMember(paths, m);
            }
        }

        return result;
    }

    [Fact]
    public void Shared_dates_replay_a_shock_the_backtest_saw_in_every_sku_together()
    {
        // Two skus at one store, each replaying its own copy of the backtest path of the test above (a stockout at origin 0's
        // dates only). With the service check's model each sku draws its own dates: two independent stores,
        // 1 - Y / 48 with Y ~ Binomial(48, 0.1), s.d. sqrt(0.1 x 0.9 / 48). With the dates shared both skus stock out
        // together: one store's 1 - X / 24, band 19/24 .. 1 and s.d. sqrt(0.1 x 0.9 / 24) (closed forms as above).
        var input = Input(1, skus: 2);
        var plan = Plan(input) with { Replay = StockoutAtOriginZero(input, 10) };
        var own = Band(input, plan).Band;
        var shared = Band(input, plan, sharedDates: true).Band;

        Assert.Equal("replay", own.Draws);
        Assert.Equal("replay-shared-dates", shared.Draws);
        var sd = Math.Sqrt(0.1 * 0.9 / Days);
        Assert.InRange(own.StandardDeviation, sd / Math.Sqrt(2) * 0.95, sd / Math.Sqrt(2) * 1.05);
        Assert.InRange(shared.StandardDeviation, sd * 0.95, sd * 1.05);
        Assert.Equal(19.0 / 24.0, shared.Lower, 12);
        Assert.Equal(1.0, shared.Upper, 12);
        Assert.Null(HoldoutWindowBand.SimulateSharedDates(input, Plan(input), Band(input, Plan(input)).Report, new HoldoutOptions { Origin = Origin }, CancellationToken.None));
    }

    [Fact]
    public void The_band_is_the_same_for_the_same_seed()
    {
        var input = Input(2);
        Assert.Equal(Band(input, Plan(input)).Band, Band(input, Plan(input)).Band);
    }

    [Fact]
    public void No_band_when_switched_off()
    {
        var input = Input(1);
        var options = new HoldoutOptions { Origin = Origin, BandReplications = 0 };
        var report = HoldoutReplay.Replay(input, Plan(input).Targets, options, CancellationToken.None);
        Assert.Null(HoldoutWindowBand.Simulate(input, Plan(input), report, options, CancellationToken.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutOptions { Origin = Origin, BandReplications = 5 }.Validate());
    }
}
