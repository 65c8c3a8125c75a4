using System.CommandLine;
using System.Globalization;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// <c>meio gbdt fit|predict</c>: the quantile GBDT engine on plain CSV tables, LightGBM-CLI style.
/// <c>meio gbdt fit --data train.csv --label y [--categorical a,b] --objective quantile --alpha 0.9 --model model.txt
/// [--engine lightgbm|native]</c>; <c>meio gbdt predict --model model.txt --data test.csv --out pred.csv [--contrib]</c>.
/// </summary>
internal static class GbdtCommand
{
    public static Command Create() => new("gbdt", "Gradient-boosted trees (quantile, L2, L1) on CSV tables: fit a model, predict with it.")
    {
        CreateFit(),
        CreatePredict(),
    };

    private static Command CreateFit()
    {
        var d = new GbdtOptions();
        var data = new Option<string>("--data") { Description = "Training CSV (header row, numeric fields; empty/NA = missing).", Required = true };
        var label = new Option<string>("--label") { Description = "Label column.", Required = true };
        var model = new Option<string>("--model") { Description = "Output model file: LightGBM's text model (engine lightgbm) or JSON (engine native).", Required = true };
        var engine = new Option<string>("--engine") { Description = "lightgbm (lib_lightgbm, deterministic) | native (our histogram learner).", DefaultValueFactory = _ => "lightgbm" };
        var categorical = new Option<string?>("--categorical") { Description = "Comma-separated categorical columns (non-negative integer codes)." };
        var weight = new Option<string?>("--weight") { Description = "Optional sample-weight column." };
        var ignore = new Option<string?>("--ignore") { Description = "Comma-separated columns that are not features." };
        var valid = new Option<string?>("--valid") { Description = "Validation CSV for early stopping (same columns)." };
        var objective = new Option<string>("--objective") { Description = "quantile | l2 | l1.", DefaultValueFactory = _ => "quantile" };
        var alpha = new Option<double>("--alpha") { Description = "Quantile level in (0,1).", DefaultValueFactory = _ => d.Alpha };
        var trees = new Option<int>("--num-trees", "--num-iterations") { Description = "Boosting iterations.", DefaultValueFactory = _ => d.NumIterations };
        var leaves = new Option<int>("--num-leaves") { Description = "Maximum leaves per tree.", DefaultValueFactory = _ => d.NumLeaves };
        var depth = new Option<int>("--max-depth") { Description = "Maximum depth (<= 0: unlimited).", DefaultValueFactory = _ => d.MaxDepth };
        var lr = new Option<double>("--learning-rate") { Description = "Shrinkage.", DefaultValueFactory = _ => d.LearningRate };
        var minData = new Option<int>("--min-data-in-leaf") { Description = "Minimum rows per leaf.", DefaultValueFactory = _ => d.MinDataInLeaf };
        var maxBin = new Option<int>("--max-bin") { Description = "Value bins per feature (2..255).", DefaultValueFactory = _ => d.MaxBin };
        var l2 = new Option<double>("--lambda-l2") { Description = "L2 penalty on leaf values.", DefaultValueFactory = _ => d.LambdaL2 };
        var bagFrac = new Option<double>("--bagging-fraction") { Description = "Row share per bag.", DefaultValueFactory = _ => d.BaggingFraction };
        var bagFreq = new Option<int>("--bagging-freq") { Description = "Re-bag every k trees (0 = off).", DefaultValueFactory = _ => d.BaggingFreq };
        var featFrac = new Option<double>("--feature-fraction") { Description = "Feature share per tree.", DefaultValueFactory = _ => d.FeatureFraction };
        var early = new Option<int>("--early-stopping-round") { Description = "Stop after k trees without validation gain (needs --valid).", DefaultValueFactory = _ => d.EarlyStoppingRound };
        var seed = new Option<int>("--seed") { Description = "Seed of bagging and feature sampling.", DefaultValueFactory = _ => d.Seed };
        var threads = new Option<int>("--num-threads") { Description = "Threads (0 = all cores); a LightGBM model may depend on it, the native one does not.", DefaultValueFactory = _ => d.NumThreads };
        var command = new Command("fit", "Train a model on a CSV table and write it (LightGBM text model, or JSON for the native engine).")
        {
            data, label, model, engine, categorical, weight, ignore, valid, objective, alpha, trees, leaves, depth, lr, minData,
            maxBin, l2, bagFrac, bagFreq, featFrac, early, seed, threads,
        };
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            () =>
            {
                var options = new GbdtOptions
                {
                    Engine = ParseEngine(parse.GetValue(engine)!),
                    Objective = ParseObjective(parse.GetValue(objective)!), Alpha = parse.GetValue(alpha),
                    NumIterations = parse.GetValue(trees), NumLeaves = parse.GetValue(leaves), MaxDepth = parse.GetValue(depth),
                    LearningRate = parse.GetValue(lr), MinDataInLeaf = parse.GetValue(minData), MaxBin = parse.GetValue(maxBin),
                    LambdaL2 = parse.GetValue(l2), BaggingFraction = parse.GetValue(bagFrac), BaggingFreq = parse.GetValue(bagFreq),
                    FeatureFraction = parse.GetValue(featFrac), EarlyStoppingRound = parse.GetValue(early),
                    Seed = parse.GetValue(seed), NumThreads = parse.GetValue(threads),
                    CategoricalFeatures = SplitList(parse.GetValue(categorical)),
                };
                var request = new GbdtFitRequest(
                    parse.GetValue(data)!, parse.GetValue(label)!, parse.GetValue(model)!, parse.GetValue(weight),
                    SplitList(parse.GetValue(ignore)), parse.GetValue(valid), options);
                var summary = GbdtVerbs.Fit(request);
                Console.Out.WriteLine(summary);
                return Task.FromResult(ExitCodes.Ok);
            },
            cancellationToken));
        return command;
    }

    private static Command CreatePredict()
    {
        var model = new Option<string>("--model") { Description = "Model file written by 'meio gbdt fit'.", Required = true };
        var data = new Option<string>("--data") { Description = "CSV with (at least) the model's feature columns.", Required = true };
        var output = new Option<string>("--out") { Description = "Output CSV: column 'prediction' (+ contributions).", Required = true };
        var contrib = new Option<bool>("--contrib") { Description = "Add TreeSHAP contributions: one column per feature and 'expected_value'." };
        var threads = new Option<int>("--num-threads") { Description = "Threads (0 = all cores).", DefaultValueFactory = _ => 0 };
        var command = new Command("predict", "Score a CSV table with a saved model.") { model, data, output, contrib, threads };
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            () =>
            {
                var rows = GbdtVerbs.Predict(
                    parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(contrib),
                    parse.GetValue(threads));
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows} predictions written to {parse.GetValue(output)}"));
                return Task.FromResult(ExitCodes.Ok);
            },
            cancellationToken));
        return command;
    }

    private static GbdtObjective ParseObjective(string name) => name.ToLowerInvariant() switch
    {
        "quantile" => GbdtObjective.Quantile,
        "l2" or "regression" => GbdtObjective.L2,
        "l1" or "regression_l1" => GbdtObjective.L1,
        _ => throw new Storage.Input.InputValidationException($"--objective: '{name}' is not quantile, l2 or l1."),
    };

    private static GbdtEngine ParseEngine(string name) => name.ToLowerInvariant() switch
    {
        "lightgbm" => GbdtEngine.LightGbm,
        "native" => GbdtEngine.Native,
        _ => throw new Storage.Input.InputValidationException($"--engine: '{name}' is not lightgbm or native."),
    };

    private static string[] SplitList(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
