using System.Globalization;
using MeioForecast.Forecasting.Gbt;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Input;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// The work behind <c>meio gbdt fit</c> and <c>meio gbdt predict</c>: CSV tables in; a LightGBM text model (the default
/// engine) or our engine's JSON model, and predictions, out.
/// </summary>
internal static class GbdtVerbs
{
    /// <summary>Trains on the request's CSV and writes the model; returns a one-line summary.</summary>
    public static string Fit(GbdtFitRequest request)
    {
        try
        {
            request.Options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InputValidationException($"Invalid option: {ex.Message}");
        }

        var table = NumericCsvTable.Read(request.Data);
        var train = ToDataset(table, request, request.Data);
        GbdtDataset? valid = null;
        if (request.Valid is not null)
        {
            valid = ToDataset(NumericCsvTable.Read(request.Valid), request, request.Valid);
            if (!valid.FeatureNames.SequenceEqual(train.FeatureNames))
            {
                throw new InputValidationException($"{request.Valid}: the columns differ from {request.Data}.");
            }
        }

        if (request.Options.Engine == GbdtEngine.LightGbm)
        {
            // The text model names the features as LightGBM writes them; predict finds the columns by those names.
            var renamed = train.FeatureNames.Zip(LightGbmGbdtModel.LightGbmNames(train.FeatureNames)).FirstOrDefault(p => p.First != p.Second);
            if (renamed.First is not null)
            {
                throw new InputValidationException($"{request.Data}: column '{renamed.First}': LightGBM feature names cannot hold spaces or \" , : [ ] {{ }} (rename it, e.g. '{renamed.Second}').");
            }
        }

        IQuantileTreeModel model;
        try
        {
            GbdtTraining.EnsureAvailable(request.Options.Engine);
            model = GbdtTraining.Fit(request.Options, train, valid);
        }
        catch (ArgumentException ex)
        {
            throw new InputValidationException($"{request.Data}: {ex.Message}");
        }

        using (var stream = File.Create(request.Model))
        {
            if (model is LightGbmGbdtModel light)
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(light.ModelText));
            }
            else
            {
                GbdtModelSerializer.Save((GbdtModel)model, stream);
            }
        }

        // No in-sample loss here: scoring the training rows again cost a quarter of the process (0.9 of 3.9 s CPU on
        // 200k rows x 100 trees, issue 22's bench) for a figure that flatters the model; `meio gbdt predict` on held-out
        // rows is the evaluation.
        return string.Create(CultureInfo.InvariantCulture,
            $"{model.TreeCount} trees on {train.RowCount} rows x {train.FeatureCount} features; model written to {request.Model}");
    }

    /// <summary>Scores <paramref name="dataPath"/> with the model and writes the predictions CSV; returns the row count.</summary>
    public static int Predict(string modelPath, string dataPath, string outPath, bool contributions, int numThreads)
    {
        IQuantileTreeModel model;
        try
        {
            var text = File.ReadAllText(modelPath);
            if (text.StartsWith("tree", StringComparison.Ordinal))
            {
                LightGbm.LightGbmBooster.EnsureAvailable();
                model = LightGbmGbdtModel.Load(text);
            }
            else
            {
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
                model = GbdtModelSerializer.Load(stream);
            }
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or LightGbm.LightGbmException)
        {
            throw new InputValidationException($"{modelPath}: not a valid model file ({ex.Message}).");
        }

        var table = NumericCsvTable.Read(dataPath);
        var columns = model.FeatureNames.Select(f => table.Values[table.IndexOf(f, dataPath)]).ToArray();
        var data = new GbdtDataset(model.FeatureNames, columns);
        var names = new List<string> { "prediction" };
        var values = new List<double[]> { model.Predict(data, numThreads) };
        if (contributions)
        {
            var phi = model.Contributions(data, numThreads);
            for (var f = 0; f <= model.FeatureNames.Count; f++)
            {
                names.Add(f < model.FeatureNames.Count ? model.FeatureNames[f] : "expected_value");
                values.Add(phi.Select(p => p[f]).ToArray());
            }
        }

        NumericCsvTable.Write(outPath, names, values);
        return data.RowCount;
    }

    private static GbdtDataset ToDataset(NumericCsvTable table, GbdtFitRequest request, string file)
    {
        var labelIndex = table.IndexOf(request.Label, file);
        var weightIndex = request.Weight is null ? -1 : table.IndexOf(request.Weight, file);
        foreach (var name in request.Ignore.Concat(request.Options.CategoricalFeatures))
        {
            table.IndexOf(name, file);
        }

        var features = Enumerable.Range(0, table.Columns.Count)
            .Where(c => c != labelIndex && c != weightIndex && !request.Ignore.Contains(table.Columns[c]))
            .ToArray();
        if (features.Length == 0)
        {
            throw new InputValidationException($"{file}: no feature columns besides the label.");
        }

        var label = table.Values[labelIndex];
        var missing = Array.FindIndex(label, double.IsNaN);
        if (missing >= 0)
        {
            throw new InputValidationException($"{file}:{NumericCsvTable.LineOfRow(file, missing)}: column '{request.Label}': the label is missing.");
        }

        double[]? weights = weightIndex < 0 ? null : table.Values[weightIndex];
        if (weights is not null && weights.Any(w => double.IsNaN(w) || w < 0))
        {
            throw new InputValidationException($"{file}: column '{request.Weight}': weights must be present and >= 0.");
        }

        return new GbdtDataset(
            features.Select(c => table.Columns[c]).ToArray(), features.Select(c => table.Values[c]).ToArray(), label, weights);
    }
}
