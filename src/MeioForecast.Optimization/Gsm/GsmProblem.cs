namespace MeioForecast.Optimization.Gsm;

/// <summary>
/// The array form of a GSM network for the solvers: T_j, M_j, the cost table c_j(tau) = h_j * (D_j(tau) - tau * mu_j)
/// for tau = 0..M_j, and the root domains 0 &lt;= S_j &lt;= min(s_j, M_j), max(ext_j, 0) &lt;= SI_j &lt;= M_j - T_j.
/// </summary>
internal sealed class GsmProblem
{
    public GsmProblem(GsmNetwork network)
    {
        Network = network;
        var n = network.Count;
        N = n;
        T = new int[n];
        M = network.MaxReplenishmentTime;
        Cost = new double[n][];
        SHi = new int[n];
        SILo = new int[n];
        SIHi = new int[n];
        for (var j = 0; j < n; j++)
        {
            var stage = network.Stages[j];
            T[j] = stage.ProcessingTime;
            var table = new double[M[j] + 1];
            for (var tau = 0; tau <= M[j]; tau++)
            {
                var value = stage.HoldingCost * stage.DemandBound.SafetyStock(tau);
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException($"Stage '{stage.Id}': the demand bound is not finite at tau = {tau}.", nameof(network));
                }

                table[tau] = value;
            }

            Cost[j] = table;
            SHi[j] = stage.MaxServiceTime is int s ? Math.Min(s, M[j]) : M[j];
            SILo[j] = stage.ExternalServiceTime;
            SIHi[j] = M[j] - T[j];
        }
    }

    public GsmNetwork Network { get; }

    public int N { get; }

    public int[] T { get; }

    public int[] M { get; }

    public double[][] Cost { get; }

    public int[] SHi { get; }

    public int[] SILo { get; }

    public int[] SIHi { get; }

    /// <summary>Sum of c_j(SI_j + T_j - S_j): the true cost of a set of service times.</summary>
    public double Evaluate(int[] s, int[] si)
    {
        var total = 0.0;
        for (var j = 0; j < N; j++)
        {
            total += Cost[j][si[j] + T[j] - s[j]];
        }

        return total;
    }

    /// <summary>True when the service times satisfy every arc, domain and tau &gt;= 0 constraint.</summary>
    public bool IsFeasible(int[] s, int[] si)
    {
        for (var j = 0; j < N; j++)
        {
            if (s[j] < 0 || s[j] > SHi[j] || si[j] < SILo[j] || si[j] > SIHi[j] || s[j] > si[j] + T[j])
            {
                return false;
            }
        }

        var from = Network.ArcFrom;
        var to = Network.ArcTo;
        for (var a = 0; a < from.Length; a++)
        {
            if (s[from[a]] > si[to[a]])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Lowers each SI_j to max(ext_j, max_i S_i) in topological order, capping S_j at SI_j + T_j; keeps the result when
    /// it is feasible and not costlier (it always is for a non-decreasing safety stock).
    /// </summary>
    public void Tighten(int[] s, int[] si)
    {
        var s2 = (int[])s.Clone();
        var si2 = (int[])si.Clone();
        foreach (var j in Network.TopologicalOrder)
        {
            var lo = SILo[j];
            foreach (var i in Network.Predecessors[j])
            {
                lo = Math.Max(lo, s2[i]);
            }

            si2[j] = lo;
            s2[j] = Math.Min(s2[j], lo + T[j]);
        }

        if (IsFeasible(s2, si2) && Evaluate(s2, si2) <= Evaluate(s, si))
        {
            Array.Copy(s2, s, N);
            Array.Copy(si2, si, N);
        }
    }

    /// <summary>Builds the public solution object from service times.</summary>
    public GsmSolution ToSolution(int[] s, int[] si, GsmMethod method, double lowerBound, long nodes, bool proven)
    {
        var stages = new GsmStageSolution[N];
        for (var j = 0; j < N; j++)
        {
            var stage = Network.Stages[j];
            var tau = si[j] + T[j] - s[j];
            var safety = stage.DemandBound.SafetyStock(tau);
            stages[j] = new GsmStageSolution(stage.Id, s[j], si[j], tau, stage.DemandBound.BaseStock(tau), safety, stage.HoldingCost * safety);
        }

        return new GsmSolution(stages, method, lowerBound, nodes) { ProvenOptimal = proven };
    }
}
