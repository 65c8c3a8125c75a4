namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// A dense training or scoring table for <see cref="GbdtTrainer"/>: column-major features (NaN = missing), feature names,
/// categorical flags (categorical values are non-negative integers; NaN or negative = missing), an optional label and
/// optional non-negative sample weights.
/// </summary>
public sealed class GbdtDataset
{
    /// <summary>Validates and wraps the columns (not copied: callers must not mutate them afterwards).</summary>
    /// <param name="featureNames">One distinct name per column.</param>
    /// <param name="columns">Column-major features, every column of the same length.</param>
    /// <param name="label">Target per row, or null for scoring data; must be finite.</param>
    /// <param name="weights">Optional sample weights, non-negative and finite.</param>
    /// <param name="categorical">Optional flag per column: true = categorical.</param>
    public GbdtDataset(
        IReadOnlyList<string> featureNames,
        IReadOnlyList<double[]> columns,
        double[]? label = null,
        double[]? weights = null,
        IReadOnlyList<bool>? categorical = null)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(columns);
        if (featureNames.Count != columns.Count || columns.Count == 0)
        {
            throw new ArgumentException("One name per column and at least one column are required.", nameof(columns));
        }

        if (featureNames.Distinct(StringComparer.Ordinal).Count() != featureNames.Count)
        {
            throw new ArgumentException("Feature names must be distinct.", nameof(featureNames));
        }

        var n = columns[0].Length;
        if (columns.Any(c => c is null || c.Length != n))
        {
            throw new ArgumentException("All columns must have the same length.", nameof(columns));
        }

        if (label is not null && (label.Length != n || label.Any(v => !double.IsFinite(v))))
        {
            throw new ArgumentException("The label must have one finite value per row.", nameof(label));
        }

        if (weights is not null && (weights.Length != n || weights.Any(v => !double.IsFinite(v) || v < 0)))
        {
            throw new ArgumentException("Weights must be finite, non-negative, one per row.", nameof(weights));
        }

        if (categorical is not null && categorical.Count != columns.Count)
        {
            throw new ArgumentException("One categorical flag per column is required.", nameof(categorical));
        }

        FeatureNames = featureNames.ToArray();
        Columns = columns.ToArray();
        Label = label;
        Weights = weights;
        Categorical = categorical?.ToArray() ?? new bool[columns.Count];
        RowCount = n;
    }

    /// <summary>Feature names, one per column.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Column-major feature values.</summary>
    public IReadOnlyList<double[]> Columns { get; }

    /// <summary>Target per row, or null.</summary>
    public double[]? Label { get; }

    /// <summary>Sample weights, or null (all 1).</summary>
    public double[]? Weights { get; }

    /// <summary>Categorical flag per column.</summary>
    public IReadOnlyList<bool> Categorical { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Number of features.</summary>
    public int FeatureCount => Columns.Count;
}
