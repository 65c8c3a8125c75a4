using System.CommandLine;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Backtesting.Replay;
using MeioForecast.Forecasting.Baseline;
using MeioForecast.Forecasting.Calibration;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Forecasting.Ssa;
using MeioForecast.Forecasting.Trained;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Output;
using MeioForecast.Worker.Hosting;
using Microsoft.Extensions.Configuration;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// <c>meio backtest --input DIR --model ssa|baseline|snaive|gbdt|select|combine|all --origins K --horizon H [--step S] [--score-mask SIGNAL]
/// [--conformal] [--signals a,b] --out DIR [--Forecasting:Stage:...=value]</c>: rolling-origin backtest of the forecasters, comparison table on stdout, metrics files in DIR.
/// <c>--windows K --step S</c> scores K held-out windows, window k ending k x S periods before the end, each on its own
/// (<see cref="BacktestWindows"/>); <c>--record DIR</c> keeps the stage's candidate forecasts so that <c>--replay DIR</c>
/// refits only the combination and calibration rules (<see cref="BacktestRecording"/>).
/// </summary>
internal static class BacktestCommand
{
    /// <summary>Models run by <c>--model all</c>, in table order.</summary>
    public static IReadOnlyList<string> Models { get; } = ["snaive", "baseline", "ssa", "gbdt", "gbdt-stage", "select", "combine"];

    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Input folder (docs/input-format.md).", Required = true };
        var model = new Option<string>("--model") { Description = "ssa, baseline, snaive (seasonal naive benchmark), gbdt (global quantile GBDT), gbdt-stage (gbdt + fallback + conformal), select (per sku-node gbdt/ssa choice + fallback + conformal), combine (Vincentized gbdt+ssa + fallback + conformal) or all.", DefaultValueFactory = _ => "all" };
        var origins = new Option<int>("--origins") { Description = "Number of forecast origins K.", DefaultValueFactory = _ => 1 };
        var horizon = new Option<int?>("--horizon") { Description = "Horizon h in periods (default: settings.csv horizon)." };
        var step = new Option<int?>("--step") { Description = "Periods between origins (default: the horizon)." };
        var mask = new Option<string?>("--score-mask") { Description = "Signal whose 0 excludes a period from scoring (e.g. open, observed). Default: the input's availability_signal (settings.csv), which the stage also reads as missing history, as meio run does." };
        var conformal = new Option<bool>("--conformal") { Description = "Also run each model with split-conformal calibration (3 inner origins)." };
        var signals = new Option<string?>("--signals") { Description = "Known-in-advance signals SSA regresses on, comma-separated (default: all known signals; empty: none)." };
        var output = new Option<string>("--out") { Description = "Folder for backtest_series.csv, backtest_summary.csv/json (and backtest_windows.csv/json).", Required = true };
        var windows = new Option<int?>("--windows") { Description = "Held-out windows K scored one by one (window k ends k x step periods before the end; the shared multi-window protocol); sets --origins." };
        var record = new Option<string?>("--record") { Description = "Folder to record the stage's candidate forecasts in (forecasts-DATE.bin.gz), for --replay." };
        var replay = new Option<string?>("--replay") { Description = "Folder of a --record run on the same input: the stage's candidates are served from it, only combination and calibration are refitted." };
        var outcomes = new Option<bool>("--outcomes") { Description = "Also write backtest_outcomes.csv: every scored forecast period with its actual and quantiles (one row per model, sku-node, origin and period)." };
        var segment = new Option<string?>("--segment") { Description = "Signal (e.g. deal, promo) whose non-zero periods get their own bias in the per-window report." };
        var command = new Command("backtest", "Rolling-origin backtest: pinball loss per quantile, M5 scaled pinball (SPL, WSPL), coverage, width, CRPS, bias.")
        {
            input, model, origins, horizon, step, mask, conformal, signals, output, windows, record, replay, segment, outcomes,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            () =>
            {
                // The stage's options come from the same Forecasting:Stage section as meio train's, so a setting tried here is the one trained.
                // Which periods are no demand observation is the input's availability_signal, as in meio run: the score
                // mask only chooses what is scored (Walmart's protocol skips weeks without a row, which sold nothing).
                var stage = PlanningServices.Stage(MeioConfiguration.Build(parse.UnmatchedTokens));

                var planning = PlanningInputLoader.Load(parse.GetValue(input)!);
                var name = parse.GetValue(model)!;
                var names = name == "all" ? Models : [name];
                var k = parse.GetValue(windows);
                if (k is { } kk && parse.GetResult(origins) is { Implicit: false } && parse.GetValue(origins) != kk)
                {
                    throw new ConfigurationException($"--windows {kk} and --origins {parse.GetValue(origins)} disagree: --windows sets the number of origins.");
                }

                var recording = BacktestRecording.Create(parse.GetValue(record), parse.GetValue(replay));
                var options = new BacktestOptions
                {
                    Origins = k ?? parse.GetValue(origins),
                    Horizon = parse.GetValue(horizon) ?? planning.Settings.Horizon,
                    Step = parse.GetValue(step),
                    Levels = planning.Settings.QuantileLevels,
                    ScoreMaskSignal = parse.GetValue(mask) ?? planning.Settings.AvailabilitySignal,
                    Seed = planning.Settings.Seed,
                };
                var data = ForecastTrainingData.Of(planning.Settings, planning.Demand, planning.Signals);
                var results = new List<BacktestResult>();
                foreach (var n in names)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Create(n, parse.GetValue(signals), stage, recording.Around) is not { } created)
                    {
                        Console.Error.WriteLine($"Unknown or unavailable model '{n}'; available: {string.Join(", ", Models)}, all.");
                        return Task.FromResult(ExitCodes.BadInput);
                    }

                    // Results carry the model name asked for: gbdt-stage is a SelectingForecaster whose own name is "combine".
                    IForecaster forecaster = new Named(n, created);

                    results.Add(RollingOriginBacktester.Run(forecaster, data, options));
                    if (parse.GetValue(conformal))
                    {
                        var calibrated = new ConformalForecaster(forecaster, new ConformalOptions { Origins = 3, Horizon = options.Horizon, Step = options.Step });
                        results.Add(RollingOriginBacktester.Run(new LevelsBound(calibrated, options), data, options));
                    }
                }

                var folder = parse.GetValue(output)!;
                BacktestReport.Write(folder, results);
                if (parse.GetValue(outcomes))
                {
                    BacktestReport.WriteOutcomes(folder, results, data.Period);
                }

                Console.Out.Write(BacktestReport.Table(results));
                if (k is not null || options.Origins > 1)
                {
                    var bySegment = parse.GetValue(segment) is { } signal ? (Func<Core.Keys.SkuNode, DateOnly, bool>)((node, date) => data.Signals.TryGetValue(signal, date, node, out var v) && v != 0) : null;
                    var scored = results.Select(r => (r.Model, BacktestWindows.Score(r, options.Origins, data.Period, bySegment))).ToArray();
                    BacktestWindowReport.Write(folder, scored);
                    Console.Out.Write(BacktestWindowReport.Table(scored));
                }

                recording.Finish(data, options);
                return Task.FromResult(ExitCodes.Ok);
            },
            cancellationToken));
        return command;
    }

    // The stage is the one meio run fits (options and the input's availability signal): the score mask is the scoring's only.
    private static IForecaster? Create(string name, string? signals, StageOptions stage, Func<IForecaster, IForecaster> around) => name switch
    {
        "ssa" => new SsaForecaster(new SsaOptions { Signals = signals?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) }),
        "baseline" => new SeasonalEmpiricalForecaster(),
        "snaive" => new SeasonalNaiveForecaster(),
        "gbdt" => around(new GlobalGbdtForecaster(stage.Gbdt)),
        "select" => SelectingForecaster.CreateDefault(stage.Selection with { Rule = SelectionRule.Select }, new GlobalGbdtForecaster(stage.Gbdt), around),
        "gbdt-stage" => new SelectingForecaster([around(new GlobalGbdtForecaster(stage.Gbdt))], around(new SeasonalEmpiricalForecaster()), stage.Selection),
        "combine" => SelectingForecaster.CreateDefault(stage.Selection with { Rule = stage.Selection.Rule == SelectionRule.Select ? new SelectionOptions().Rule : stage.Selection.Rule }, new GlobalGbdtForecaster(stage.Gbdt), around),
        _ => null,
    };

    /// <summary>A forecaster under the name the user asked for.</summary>
    private sealed class Named(string name, IForecaster inner) : IForecaster
    {
        public string Name => name;

        public IForecastModel Fit(ForecastTrainingData data) => inner.Fit(data);
    }

    /// <summary>Fits a conformal wrapper for the backtest's levels.</summary>
    private sealed class LevelsBound(ConformalForecaster inner, BacktestOptions options) : IForecaster
    {
        public string Name => inner.Name;

        public IForecastModel Fit(ForecastTrainingData data) => inner.Fit(data, options with { ScoreMaskSignal = null });
    }
}
