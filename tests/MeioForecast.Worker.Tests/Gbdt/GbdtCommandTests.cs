using System.Globalization;
using MeioForecast.Forecasting.Gbt;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Worker.Tests.Gbdt;

/// <summary>`meio gbdt fit` / `predict` on CSV tables, checked against the engine called in-process.</summary>
public sealed class GbdtCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteTable(string name, int rows, int seed)
    {
        // y = 3 x + 2 [store in {1,3}] + noise; x has empty (missing) fields; an id column is ignored.
        var rng = new Random(seed);
        var lines = new List<string> { "id,x,store,y" };
        for (var i = 0; i < rows; i++)
        {
            var x = rng.NextDouble();
            var store = rng.Next(5);
            var y = (3 * x) + (store is 1 or 3 ? 2 : 0) + rng.NextDouble();
            var xs = i % 17 == 0 ? "" : x.ToString("R", CultureInfo.InvariantCulture);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i},{xs},{store},{y:R}"));
        }

        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Fit_writes_a_LightGBM_text_model_and_predict_matches_the_engine_with_contributions_adding_up()
    {
        var train = WriteTable("train.csv", 800, 1);
        var test = WriteTable("test.csv", 100, 2);
        var model = Path.Combine(_dir, "model.txt");
        var pred = Path.Combine(_dir, "pred.csv");
        var fit = await MeioCli.Create().Parse(["gbdt", "fit", "--data", train, "--label", "y", "--ignore", "id",
            "--categorical", "store", "--objective", "quantile", "--alpha", "0.9", "--num-trees", "30", "--num-leaves", "7",
            "--learning-rate", "0.2", "--min-data-in-leaf", "10", "--max-bin", "63", "--seed", "3", "--num-threads", "1", "--model", model]).InvokeAsync();
        Assert.Equal(ExitCodes.Ok, fit);
        var text = File.ReadAllText(model);
        Assert.StartsWith("tree\nversion=v4\n", text, StringComparison.Ordinal);
        Assert.Contains("\nfeature_names=x store\n", text, StringComparison.Ordinal);
        var predict = await MeioCli.Create().Parse(["gbdt", "predict", "--model", model, "--data", test, "--out", pred, "--contrib"]).InvokeAsync();
        Assert.Equal(ExitCodes.Ok, predict);

        var output = NumericCsvTable.Read(pred);
        Assert.Equal(["prediction", "x", "store", "expected_value"], output.Columns);

        // Oracle: LightGBM on the same numbers, called in-process through the engine (deterministic, one thread).
        var t = NumericCsvTable.Read(train);
        var options = new GbdtOptions
        {
            Alpha = 0.9, NumIterations = 30, NumLeaves = 7, LearningRate = 0.2, MinDataInLeaf = 10, MaxBin = 63, Seed = 3, NumThreads = 1,
        };
        var engine = (LightGbmGbdtModel)GbdtTraining.Fit(options, new GbdtDataset(["x", "store"], [t.Values[1], t.Values[2]], t.Values[3], categorical: [false, true]));
        Assert.Equal(engine.ModelText, text);
        var s = NumericCsvTable.Read(test);
        var expected = engine.Predict(new GbdtDataset(["x", "store"], [s.Values[1], s.Values[2]]));
        Assert.Equal(expected, output.Values[0]);
        for (var i = 0; i < output.RowCount; i++)
        {
            Assert.Equal(output.Values[0][i], output.Values[1][i] + output.Values[2][i] + output.Values[3][i], 1e-9);
        }
    }

    [Fact]
    public async Task A_missing_lib_lightgbm_or_libgomp_exits_6_naming_the_library_and_its_package()
    {
        var data = WriteTable("train.csv", 50, 3);
        var model = Path.Combine(_dir, "model.txt");

        // A copy of the application without lib_lightgbm.so.
        var app = Path.Combine(_dir, "app");
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(app, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.Delete(Path.Combine(app, "runtimes", "linux-x64", "native", "lib_lightgbm.so"));
        var (exit, output) = await Run(Path.Combine(app, "meio.dll"), null, "gbdt", "fit", "--data", data, "--label", "y", "--model", model);
        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("lib_lightgbm.so could not be loaded", output, StringComparison.Ordinal);
        Assert.DoesNotContain("DllNotFoundException", output, StringComparison.Ordinal);

        // libgomp.so.1 that the loader finds first but cannot load (an empty file), as when libgomp1 is absent.
        var gomp = Directory.CreateDirectory(Path.Combine(_dir, "gomp")).FullName;
        File.WriteAllBytes(Path.Combine(gomp, "libgomp.so.1"), []);
        (exit, output) = await Run(Path.Combine(AppContext.BaseDirectory, "meio.dll"), gomp, "gbdt", "fit", "--data", data, "--label", "y", "--model", model);
        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("libgomp.so.1", output, StringComparison.Ordinal);
        Assert.Contains("Debian package libgomp1", output, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    private static async Task<(int ExitCode, string Output)> Run(string meio, string? libraryPath, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(meio);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (libraryPath is not null)
        {
            info.Environment["LD_LIBRARY_PATH"] = libraryPath;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Native_engine_fit_then_predict_matches_the_engine_and_contributions_add_up()
    {
        var train = WriteTable("train.csv", 800, 1);
        var test = WriteTable("test.csv", 100, 2);
        var model = Path.Combine(_dir, "m.json");
        var pred = Path.Combine(_dir, "pred.csv");
        var fit = await MeioCli.Create().Parse(["gbdt", "fit", "--data", train, "--label", "y", "--ignore", "id",
            "--categorical", "store", "--objective", "quantile", "--alpha", "0.9", "--num-trees", "30", "--num-leaves", "7",
            "--learning-rate", "0.2", "--min-data-in-leaf", "10", "--max-bin", "63", "--seed", "3", "--engine", "native", "--model", model]).InvokeAsync();
        Assert.Equal(ExitCodes.Ok, fit);
        var predict = await MeioCli.Create().Parse(["gbdt", "predict", "--model", model, "--data", test, "--out", pred, "--contrib"]).InvokeAsync();
        Assert.Equal(ExitCodes.Ok, predict);

        var output = NumericCsvTable.Read(pred);
        Assert.Equal(["prediction", "x", "store", "expected_value"], output.Columns);

        // Oracle: the same engine on the same numbers, called directly.
        var t = NumericCsvTable.Read(train);
        var options = new GbdtOptions
        {
            Engine = GbdtEngine.Native, Alpha = 0.9, NumIterations = 30, NumLeaves = 7, LearningRate = 0.2, MinDataInLeaf = 10, MaxBin = 63, Seed = 3,
        };
        var engine = new GbdtTrainer(options).Fit(new GbdtDataset(["x", "store"], [t.Values[1], t.Values[2]], t.Values[3], categorical: [false, true]));
        var s = NumericCsvTable.Read(test);
        var expected = engine.Predict(new GbdtDataset(["x", "store"], [s.Values[1], s.Values[2]]));
        Assert.Equal(expected, output.Values[0]);
        for (var i = 0; i < output.RowCount; i++)
        {
            Assert.Equal(output.Values[0][i], output.Values[1][i] + output.Values[2][i] + output.Values[3][i], 1e-9);
        }
    }

    [Fact]
    public async Task A_non_numeric_field_is_a_bad_input_naming_the_line()
    {
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllLines(path, ["x,y", "1,2", "abc,3"]);
        var model = Path.Combine(_dir, "m.json");
        var exit = await MeioCli.Create().Parse(["gbdt", "fit", "--data", path, "--label", "y", "--model", model]).InvokeAsync();
        Assert.Equal(ExitCodes.BadInput, exit);
        var error = Assert.Throws<MeioForecast.Storage.Input.InputValidationException>(() => Commands.GbdtVerbs.Fit(
            new Commands.GbdtFitRequest(path, "y", model, null, [], null, new GbdtOptions())));
        Assert.Contains("bad.csv:3: column 'x'", error.Message);
    }

    [Fact]
    public void A_missing_label_names_its_line_past_blank_lines()
    {
        // Counted by hand: line 1 header, 2 a row, 3 blank, 4 a row, 5-6 blank, 7 the row without a label (data row 2,
        // which row + 2 would have called line 4).
        var path = Path.Combine(_dir, "gaps.csv");
        File.WriteAllText(path, "x,y\n1,2\n\n3,4\n\n\n5,\n");
        var error = Assert.Throws<MeioForecast.Storage.Input.InputValidationException>(() => Commands.GbdtVerbs.Fit(
            new Commands.GbdtFitRequest(path, "y", Path.Combine(_dir, "m.txt"), null, [], null, new GbdtOptions())));
        Assert.Contains("gaps.csv:7: column 'y': the label is missing", error.Message);
    }
}
