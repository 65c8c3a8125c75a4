using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Holdout;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Pipeline.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeioForecast.Pipeline.Tests.Holdout;

public class HoldoutHoldingCostTests
{
    private const double Mu = 40, Sigma = 12, ServiceLevel = 0.95;
    private static readonly QuantileLevel[] Levels = Forecasts.Grid(1000); // fine, so the rebuilt normal's sd is within 1 %
    private static readonly DateOnly Start = new(2026, 1, 1);

    /// <summary>
    /// SUP -> DC (lane 4 days + 1 processing) -> S1, S2 (lane 1 day): the DC's unit-year costs 10 x 0.2 = 2, a store's
    /// 2 x 0.25 = 0.5. History: 60 days of 40 per store, of which the last 20 are held out.
    /// </summary>
    private static PlanningInput Input()
    {
        var locations = new Dictionary<string, Location>
        {
            ["SUP"] = new("SUP", LocationType.Supplier, 2),
            ["DC"] = new("DC", LocationType.DistributionCenter, 1),
            ["S1"] = new("S1", LocationType.Store, 0),
            ["S2"] = new("S2", LocationType.Store, 0),
        };
        Lane[] lanes = [new(null, "SUP", "DC", new LeadTime(4, 0)), new(null, "DC", "S1", new LeadTime(1, 0)), new(null, "DC", "S2", new LeadTime(1, 0))];
        SkuNodeParameters[] nodes =
        [
            new(new SkuNode("A", "DC"), 10, 0.2, ServiceLevel, null, 1),
            new(new SkuNode("A", "S1"), 2, 0.25, ServiceLevel, 0, 0),
            new(new SkuNode("A", "S2"), 2, 0.25, ServiceLevel, 0, 0),
        ];
        DemandSeries[] demand =
        [
            new(new SkuNode("A", "S1"), PeriodKind.Day, Start, Enumerable.Repeat(Mu, 60).ToArray()),
            new(new SkuNode("A", "S2"), PeriodKind.Day, Start, Enumerable.Repeat(Mu, 60).ToArray()),
        ];
        return new PlanningInput(new PlanningSettings(PeriodKind.Day, 10, Levels, 7), locations, lanes, nodes, demand, SignalTable.Empty);
    }

    [Fact]
    public void Holding_cost_of_meio_and_single_echelon_targets_is_the_hand_computed_one()
    {
        // By hand (normal bound, z = Phi^-1(0.95), per-period N(40, 12^2) at each store, independent):
        // single-echelon, every node quotes S = 0: DC tau = 4 + 1 = 5 on the pooled N(80, 2 x 144): SS = z 12 sqrt(2) sqrt(5),
        //   cost 2/unit-year; each store tau = 1: SS = z 12, cost 0.5 -> z 12 (2 sqrt(10) + 2 x 0.5).
        // GSM (Graves & Willems 2000), DC quoting S in [0, 5]: cost(S) = z 12 (2 sqrt(2) sqrt(5 - S) + sqrt(1 + S)),
        //   concave in S, so the optimum is an end: S = 0 gives z 12 x 7.32, S = 5 (no DC stock, stores cover 6 days)
        //   z 12 sqrt(6) = z 12 x 2.45 -> z 12 sqrt(6).
        // Service check with one round: the levels are the targets (no calibration), so the figures are the placement's.
        var z = StandardNormal.Quantile(ServiceLevel);
        var single = z * Sigma * ((2 * Math.Sqrt(10)) + 1);
        var meio = z * Sigma * Math.Sqrt(6);
        var run = new PlanningRun(
            new NormalForecaster(Mu, Sigma),
            new NetworkPlacement(),
            NullLogger<PlanningRun>.Instance,
            new ServiceCalibrator(new ServiceCheckOptions { MaxRounds = 1, Replications = 2, Periods = 50 }));
        var input = Input();
        var origins = new[] { Start.AddDays(39), Start.AddDays(49) };
        var summary = new PolicyHoldout(run).RunOrigins(input, new HoldoutOptions { Origin = origins[1], Periods = 10, WarmUp = HoldoutWarmUp.Plan }, origins, null, CancellationToken.None);

        Assert.Equal(2, summary.Origins.Count);
        foreach (var o in summary.Origins)
        {
            Assert.Equal(meio, o.HoldingCost, 0.01 * meio);
            Assert.Equal(single, o.SingleEchelonHoldingCost!.Value, 0.01 * single);

            // Per store node (the replayed rows): z 12 sqrt(6) x 0.5 placed, z 12 x 0.5 single-echelon.
            Assert.All(o.Policy.Nodes, n => Assert.Equal(z * Sigma * Math.Sqrt(6) * 0.5, n.HoldingCost, 0.005 * meio));
            Assert.All(o.SingleEchelon!.Nodes, n => Assert.Equal(z * Sigma * 0.5, n.HoldingCost, 0.005 * single));
            Assert.Contains(FormattableString.Invariant($"holding cost {o.HoldingCost:F0} vs {o.SingleEchelonHoldingCost:F0}/year"), o.Line(), StringComparison.Ordinal);
        }

        Assert.Contains(FormattableString.Invariant($"holding cost {meio:F0} vs {single:F0}/year"), summary.SummaryLines()[^1], StringComparison.Ordinal);
    }

    /// <summary>N(mu, sigma^2) demand in every period of the horizon for every series, whatever the history.</summary>
    private sealed class NormalForecaster(double mu, double sigma) : IForecaster
    {
        public string Name => "normal";

        public IForecastModel Fit(ForecastTrainingData data) => new Model(data, mu, sigma);

        private sealed class Model(ForecastTrainingData data, double mu, double sigma) : IForecastModel
        {
            public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request) =>
                [.. data.Series.Select(s =>
                {
                    var q = new double[request.Horizon, request.Levels.Count];
                    for (var t = 0; t < request.Horizon; t++)
                    {
                        for (var j = 0; j < request.Levels.Count; j++)
                        {
                            q[t, j] = mu + (sigma * StandardNormal.Quantile(request.Levels[j].Value));
                        }
                    }

                    return new SeriesForecast(s.Key, s.Period.Add(s.Start, s.Length), request.Levels, q, "normal");
                })];
        }
    }
}
