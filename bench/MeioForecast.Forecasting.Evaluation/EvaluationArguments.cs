namespace MeioForecast.Forecasting.Evaluation;

/// <summary>Command-line arguments of the evaluation program.</summary>
internal sealed record EvaluationArguments(string Dataset, string DataDir, string OutDir, IReadOnlyList<string> Models, IReadOnlyDictionary<string, string> Ssa)
{
    public static EvaluationArguments Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("walmart" or "rossmann"))
        {
            throw new ArgumentException("usage: walmart|rossmann [--models snaive,baseline,ssa,ssa+conformal] [--data DIR] [--out DIR] [--ssa window=52,rank=..]");
        }

        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var ssa = Get("--ssa", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
        return new EvaluationArguments(args[0], Get("--data", "../shared/data"), Get("--out", "eval-results"), Get("--models", "snaive,baseline,ssa").Split(','), ssa);
    }
}
