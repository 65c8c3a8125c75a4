using System.Diagnostics;
using MeioForecast.Core.Keys;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Baseline;
using MeioForecast.Forecasting.Calibration;
using MeioForecast.Forecasting.Ssa;

namespace MeioForecast.Forecasting.Evaluation;

/// <summary>Runs the shared protocol: one origin H periods before the end, five quantiles, M5 scale and weights.</summary>
internal static class Evaluation
{
    public static readonly QuantileLevel[] Levels = [new(0.05), new(0.1), new(0.5), new(0.9), new(0.95)];

    public static List<(BacktestResult Result, double Seconds)> Run(EvaluationDataset data, EvaluationArguments args)
    {
        var results = new List<(BacktestResult, double)>();
        var training = new ForecastTrainingData(data.Period, data.Series, data.Signals);
        var backtest = new BacktestOptions { Origins = 1, Horizon = data.Horizon, Levels = Levels, ScoreMaskSignal = data.ScoreMask };
        foreach (var model in args.Models)
        {
            var clock = Stopwatch.StartNew();
            var result = model switch
            {
                "snaive" => SeasonalNaive(data),
                "baseline" => RollingOriginBacktester.Run(new SeasonalEmpiricalForecaster(), training, backtest, data.Observed),
                "ssa" => RollingOriginBacktester.Run(new SsaForecaster(SsaOptionsFrom(args.Ssa)), training, backtest, data.Observed),
                "ssa+conformal" => RollingOriginBacktester.Run(
                    new ConformalForecaster(new SsaForecaster(SsaOptionsFrom(args.Ssa)), new ConformalOptions { Origins = 3, Horizon = data.Horizon }),
                    training,
                    backtest,
                    data.Observed),
                _ => throw new ArgumentException($"Unknown model '{model}'."),
            };
            results.Add((result, clock.Elapsed.TotalSeconds));
            Console.WriteLine($"  {model} done in {clock.Elapsed.TotalSeconds:F1}s");
        }

        return results;
    }

    private static SsaOptions SsaOptionsFrom(IReadOnlyDictionary<string, string> o)
    {
        var options = new SsaOptions();
        foreach (var (k, v) in o)
        {
            options = k switch
            {
                "window" => options with { WindowSize = int.Parse(v) },
                "rank" => options with { Rank = int.Parse(v), RankSelection = SsaRankSelection.Explicit },
                "maxrank" => options with { MaxRank = int.Parse(v) },
                "variance" => options with { VarianceThreshold = double.Parse(v), RankSelection = SsaRankSelection.VarianceThreshold },
                "serieslength" => options with { SeriesLength = int.Parse(v) },
                "trainsize" => options with { TrainSize = int.Parse(v) },
                "signals" => options with { Signals = v.Split('+', StringSplitOptions.RemoveEmptyEntries) },
                "ridge" => options with { Ridge = double.Parse(v) },
                "selh" => options with { SelectionHorizon = int.Parse(v) },
                "zeroshare" => options with { IntermittentZeroShare = double.Parse(v) },
                "insample" => options with { InSampleErrors = bool.Parse(v) },
                "dwindow" => options with { DifferencedWindowSize = int.Parse(v) },
                "diff" => options with { Differencing = Enum.Parse<SsaDifferencing>(v, ignoreCase: true) },
                _ => throw new ArgumentException($"Unknown SSA option '{k}'."),
            };
        }

        return options;
    }

    /// <summary>The peer's seasonal naive on raw observations, scored with our metrics.</summary>
    private static BacktestResult SeasonalNaive(EvaluationDataset data)
    {
        var h = data.Horizon;
        var histories = data.Series.Select(s => (IReadOnlyList<double>)data.Observed[s.Key][..Math.Max(0, s.Length - h)]).ToArray();
        var forecasts = SeasonalNaiveBenchmark.Forecast(histories, data.SeasonLength, h, Levels);
        var outcomes = new List<ForecastOutcome>();
        for (var i = 0; i < data.Series.Count; i++)
        {
            var s = data.Series[i];
            var obs = data.Observed[s.Key];
            var first = s.Length - h;
            var actuals = new double[h];
            for (var t = 0; t < h; t++)
            {
                var index = first + t;
                actuals[t] = index >= 0 ? obs[index] : double.NaN;
                if (data.ScoreMask is { } mask && data.Signals.TryGetValue(mask, s.DateAt(index), s.Key, out var flag) && flag == 0)
                {
                    actuals[t] = double.NaN;
                }
            }

            outcomes.Add(new ForecastOutcome(s.Key, 0, s.DateAt(first), Levels, forecasts[i], actuals, M5Scale.Of(histories[i]), M5Scale.Weight(histories[i], h)));
        }

        return new BacktestResult($"snaive(m={data.SeasonLength})", outcomes, ForecastMetrics.Compute(outcomes), ForecastMetrics.PerSeries(outcomes), new Dictionary<string, int> { ["snaive"] = outcomes.Count });
    }
}
