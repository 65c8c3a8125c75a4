using MeioForecast.Core.Distributions;

namespace MeioForecast.Optimization.Gsm;

/// <summary>
/// The reference convention under which GSM benchmark results compare with the literature (Graves &amp; Willems 2000;
/// Humair &amp; Willems 2011, Operations Research 59(3)): T_j = floor(stageTime); h_j = rate x cumulative cost, where the
/// cumulative cost is stageCost_j + sum over arcs i -&gt; j of q_ij x cumulative cost_i; D_j(tau) = tau mu_j + k_j sqrt(tau)
/// with k_j = sqrt(sum over demand stages d of (phi_jd z_d sigma_d)^2) and mu_j = sum_d phi_jd mu_d, phi_jd = number of
/// paths from j to d weighted by the product of quantities per unit (phi_dd = 1). Stochastic stage times are ignored.
/// </summary>
public static class ReferenceConvention
{
    /// <summary>Builds the GSM network of the benchmark stages and arcs with holding-cost rate <paramref name="holdingRate"/>.</summary>
    public static GsmNetwork Build(IReadOnlyList<ReferenceStage> stages, IReadOnlyList<GsmArc> arcs, double holdingRate = 1.0)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(arcs);
        if (!(holdingRate > 0.0) || !double.IsFinite(holdingRate))
        {
            throw new ArgumentOutOfRangeException(nameof(holdingRate), holdingRate, "The holding rate must be finite and positive.");
        }

        var zero = new NormalDemandBound(0.0, 0.0);
        var shape = new GsmNetwork([.. stages.Select(s => new GsmStage(s.Id, 0, 0.0, zero))], arcs);
        var n = stages.Count;
        var quantity = new Dictionary<(int, int), double>();
        for (var a = 0; a < arcs.Count; a++)
        {
            quantity[(shape.ArcFrom[a], shape.ArcTo[a])] = arcs[a].QuantityPerUnit;
        }

        var cumulative = new double[n];
        foreach (var j in shape.TopologicalOrder)
        {
            var c = stages[j].StageCost;
            foreach (var i in shape.Predecessors[j])
            {
                c += quantity[(i, j)] * cumulative[i];
            }

            cumulative[j] = c;
        }

        var demand = new List<int>();
        for (var j = 0; j < n; j++)
        {
            if (stages[j].IsDemandStage)
            {
                demand.Add(j);
            }
        }

        var zSigma = new double[demand.Count];
        var mean = new double[demand.Count];
        for (var d = 0; d < demand.Count; d++)
        {
            var st = stages[demand[d]];
            var level = st.ServiceLevel ?? throw new ArgumentException($"Demand stage '{st.Id}' has no service level.", nameof(stages));
            zSigma[d] = StandardNormal.Quantile(level) * (st.DemandStandardDeviation ?? 0.0);
            mean[d] = st.AverageDemand ?? 0.0;
        }

        // phi[j][d]: weighted path counts, computed downstream first.
        var phi = new double[n][];
        for (var idx = n - 1; idx >= 0; idx--)
        {
            var j = shape.TopologicalOrder[idx];
            var row = new double[demand.Count];
            var self = demand.IndexOf(j);
            if (self >= 0)
            {
                row[self] = 1.0;
            }

            foreach (var c in shape.Successors[j])
            {
                var q = quantity[(j, c)];
                var childRow = phi[c];
                for (var d = 0; d < row.Length; d++)
                {
                    row[d] += q * childRow[d];
                }
            }

            phi[j] = row;
        }

        var result = new GsmStage[n];
        for (var j = 0; j < n; j++)
        {
            double k2 = 0.0, mu = 0.0;
            for (var d = 0; d < demand.Count; d++)
            {
                var term = phi[j][d] * zSigma[d];
                k2 += term * term;
                mu += phi[j][d] * mean[d];
            }

            var st = stages[j];
            result[j] = new GsmStage(
                st.Id,
                (int)Math.Floor(st.StageTime),
                holdingRate * cumulative[j],
                new NormalDemandBound(mu, Math.Sqrt(k2)),
                st.IsDemandStage ? st.MaxServiceTime : null);
        }

        return new GsmNetwork(result, arcs);
    }
}
