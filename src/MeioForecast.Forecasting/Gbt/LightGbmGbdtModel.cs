using System.Globalization;
using MeioForecast.LightGbm;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// A GBDT trained by LightGBM (<see cref="GbdtEngine.LightGbm"/>): its LightGBM text model (<see cref="ModelText"/>,
/// readable by any LightGBM 4.x), the feature names as the caller knows them (the text model holds them with LightGBM's
/// forbidden characters replaced, <see cref="LightGbmParameters.FeatureName"/>) and the objective. Predictions and
/// TreeSHAP come from lib_lightgbm (predict_type C_API_PREDICT_CONTRIB).
/// </summary>
public sealed class LightGbmGbdtModel : IQuantileTreeModel, IDisposable
{
    private readonly LightGbmBooster _booster;

    /// <summary>Loads <paramref name="modelText"/>; the objective and alpha are read from it.</summary>
    /// <param name="modelText">A LightGBM text model (starting with the line <c>tree</c>).</param>
    /// <param name="featureNames">The caller's names of the model's features, in column order.</param>
    public LightGbmGbdtModel(string modelText, IReadOnlyList<string> featureNames)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelText);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (!modelText.StartsWith("tree", StringComparison.Ordinal))
        {
            throw new FormatException("Not a LightGBM text model: the first line must be 'tree'.");
        }

        _booster = LightGbmBooster.FromModelString(modelText);
        if (_booster.FeatureCount != featureNames.Count)
        {
            throw new FormatException($"The LightGBM model reads {_booster.FeatureCount} features; {featureNames.Count} names were given.");
        }

        ModelText = modelText;
        FeatureNames = featureNames.ToArray();
        (Objective, Alpha) = ParseObjective(modelText);
        TreeCount = _booster.Iterations;
    }

    /// <summary>Loads a text model with the feature names written in it (its <c>feature_names=</c> line).</summary>
    public static LightGbmGbdtModel Load(string modelText)
    {
        ArgumentNullException.ThrowIfNull(modelText);
        var names = modelText.Split('\n').FirstOrDefault(l => l.StartsWith("feature_names=", StringComparison.Ordinal))
            ?? throw new FormatException("The LightGBM model has no feature_names line.");
        return new LightGbmGbdtModel(modelText, names["feature_names=".Length..].TrimEnd().Split(' '));
    }

    /// <summary>The LightGBM text model.</summary>
    public string ModelText { get; }

    /// <inheritdoc />
    public double Alpha { get; }

    /// <inheritdoc />
    public GbdtObjective Objective { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc />
    public int TreeCount { get; }

    /// <summary>The feature names written into a LightGBM model for <paramref name="names"/>: sanitized, distinct.</summary>
    public static string[] LightGbmNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = names.Select(LightGbmParameters.FeatureName).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < result.Length; i++)
        {
            if (!seen.Add(result[i]))
            {
                result[i] = string.Create(CultureInfo.InvariantCulture, $"{result[i]}_{i}");
                seen.Add(result[i]);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public double[] Predict(GbdtDataset data, int numThreads = 0) =>
        _booster.Predict(ColumnMajor(data), data.RowCount, rowMajor: false, LightGbmPrediction.Normal, Math.Max(1, numThreads));

    /// <inheritdoc />
    public double[][] Contributions(GbdtDataset data, int numThreads = 0)
    {
        var width = FeatureNames.Count + 1;
        var phi = _booster.Predict(ColumnMajor(data), data.RowCount, rowMajor: false, LightGbmPrediction.Contributions, Math.Max(1, numThreads));
        var result = new double[data.RowCount][];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = phi.AsSpan(i * width, width).ToArray();
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _booster.Dispose();

    /// <summary>The dataset's columns laid end to end (LightGBM's column-major matrix).</summary>
    internal static double[] ColumnMajor(GbdtDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = data.RowCount;
        var values = new double[(long)n * data.FeatureCount];
        for (var c = 0; c < data.FeatureCount; c++)
        {
            data.Columns[c].CopyTo(values, (long)c * n);
        }

        return values;
    }

    /// <summary>
    /// The objective (header line <c>objective=quantile</c>, <c>regression</c> or <c>regression_l1</c>) and alpha (the
    /// parameters section's <c>[alpha: 0.9]</c>) of a text model.
    /// </summary>
    private static (GbdtObjective Objective, double Alpha) ParseObjective(string text)
    {
        var lines = text.Split('\n');
        var objective = lines.FirstOrDefault(l => l.StartsWith("objective=", StringComparison.Ordinal))?["objective=".Length..].Trim().Split(' ')[0]
            ?? throw new FormatException("The LightGBM model has no objective line.");
        var alpha = lines.FirstOrDefault(l => l.StartsWith("[alpha: ", StringComparison.Ordinal))?["[alpha: ".Length..].TrimEnd().TrimEnd(']');
        return objective switch
        {
            "quantile" => (GbdtObjective.Quantile, double.Parse(alpha ?? throw new FormatException("The quantile model has no [alpha: ...] parameter."), CultureInfo.InvariantCulture)),
            "regression" => (GbdtObjective.L2, 0.5),
            "regression_l1" => (GbdtObjective.L1, 0.5),
            _ => throw new FormatException($"Unsupported LightGBM objective '{objective}'."),
        };
    }
}
