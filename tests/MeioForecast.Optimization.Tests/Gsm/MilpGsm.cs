using Google.OrTools.LinearSolver;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Optimization.Tests.Gsm;

/// <summary>
/// Independent oracle: the GSM as a mixed-integer program (the net-lead-time formulation of Magnanti, Shen, Shu,
/// Simchi-Levi &amp; Teo 2006, Operations Research Letters 34(3):228-238, discretised exactly because service times are
/// integers), solved to optimality (relative gap 0) by HiGHS through Google OR-Tools. Variables: integer S_j in [0, min(s_j, M_j)],
/// SI_j in [ext_j, M_j - T_j]; binaries x_jt for tau = 0..M_j with sum_t x_jt = 1 and SI_j + T_j - S_j = sum_t t x_jt;
/// SI_j &gt;= S_i on every arc i -&gt; j; minimise sum_jt h_j (D_j(t) - t mu_j) x_jt. M_j (longest path of T plus
/// ext) is recomputed here. Shares no code with the optimizer.
/// </summary>
internal static class MilpGsm
{
    public static double MinimumCost(GsmNetwork network, double timeLimitSeconds = 120)
    {
        var n = network.Count;
        var index = new Dictionary<string, int>();
        for (var j = 0; j < n; j++)
        {
            index[network.Stages[j].Id] = j;
        }

        var preds = new List<int>[n];
        for (var j = 0; j < n; j++)
        {
            preds[j] = [];
        }

        foreach (var arc in network.Arcs)
        {
            preds[index[arc.To]].Add(index[arc.From]);
        }

        var m = new int[n];
        var done = new bool[n];
        for (var placed = 0; placed < n;)
        {
            for (var j = 0; j < n; j++)
            {
                if (!done[j] && preds[j].TrueForAll(i => done[i]))
                {
                    var longest = network.Stages[j].ExternalServiceTime;
                    foreach (var i in preds[j])
                    {
                        longest = Math.Max(longest, m[i]);
                    }

                    m[j] = longest + network.Stages[j].ProcessingTime;
                    done[j] = true;
                    placed++;
                }
            }
        }

        using var solver = Solver.CreateSolver("HIGHS") ?? throw new InvalidOperationException("OR-Tools has no HiGHS here.");
        solver.SuppressOutput();
        solver.SetSolverSpecificParametersAsString("output_flag = false");
        solver.SetNumThreads(1);
        solver.SetTimeLimit((long)(timeLimitSeconds * 1000));
        var s = new Variable[n];
        var si = new Variable[n];
        var objective = solver.Objective();
        objective.SetMinimization();
        for (var j = 0; j < n; j++)
        {
            var stage = network.Stages[j];
            s[j] = solver.MakeIntVar(0, Math.Min(stage.MaxServiceTime ?? int.MaxValue, m[j]), $"S{j}");
            si[j] = solver.MakeIntVar(stage.ExternalServiceTime, m[j] - stage.ProcessingTime, $"SI{j}");
            var choose = solver.MakeConstraint(1, 1);
            var link = solver.MakeConstraint(-stage.ProcessingTime, -stage.ProcessingTime);
            link.SetCoefficient(si[j], 1);
            link.SetCoefficient(s[j], -1);
            for (var t = 0; t <= m[j]; t++)
            {
                var x = solver.MakeBoolVar($"x{j}_{t}");
                choose.SetCoefficient(x, 1);
                link.SetCoefficient(x, -t);
                objective.SetCoefficient(x, stage.HoldingCost * stage.DemandBound.SafetyStock(t));
            }
        }

        for (var j = 0; j < n; j++)
        {
            foreach (var i in preds[j])
            {
                var arc = solver.MakeConstraint(0, double.PositiveInfinity);
                arc.SetCoefficient(si[j], 1);
                arc.SetCoefficient(s[i], -1);
            }
        }

        // OR-Tools passes a 1e-4 relative MIP gap to the solver by default: ask for a proof instead.
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
        var status = solver.Solve(parameters);
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            throw new InvalidOperationException($"HiGHS did not prove optimality: {status}.");
        }

        return objective.Value();
    }
}
