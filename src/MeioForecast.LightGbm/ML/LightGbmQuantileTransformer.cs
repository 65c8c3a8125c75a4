using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MeioForecast.LightGbm.ML;

/// <summary>
/// The fitted <see cref="LightGbmQuantileTrainer"/>: a LightGBM booster that appends the score column (the predicted
/// alpha-quantile, Single) to the data it transforms, and gives TreeSHAP contributions (<see cref="Contributions"/>).
/// Persisted as LightGBM's text model (<see cref="SaveModel"/>, <see cref="LoadModel"/>), readable by any LightGBM;
/// ML.NET's <c>mlContext.Model.Save</c> is not supported, because ML.NET keeps its model-writing context internal to
/// its own assemblies.
/// </summary>
public sealed class LightGbmQuantileTransformer : ITransformer, IDisposable
{
    internal LightGbmQuantileTransformer(string model, LightGbmQuantileOptions options)
    {
        ModelText = model;
        Options = options;
        Booster = LightGbmBooster.FromModelString(model);
    }

    /// <summary>The trainer's options (columns, alpha, ...).</summary>
    public LightGbmQuantileOptions Options { get; }

    /// <summary>The model in LightGBM's text format.</summary>
    public string ModelText { get; }

    /// <summary>Width of the features vector the model reads.</summary>
    public int FeatureCount => Booster.FeatureCount;

    /// <inheritdoc />
    public bool IsRowToRowMapper => false;

    internal LightGbmBooster Booster { get; }

    /// <summary>
    /// Reads a model saved by <see cref="SaveModel"/> (or any LightGBM text model) to score with <paramref name="options"/>'
    /// columns; the training parameters in <paramref name="options"/> are informative only.
    /// </summary>
    public static LightGbmQuantileTransformer LoadModel(Stream stream, LightGbmQuantileOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new LightGbmQuantileTransformer(reader.ReadToEnd(), options);
    }

    /// <summary>Writes the LightGBM text model (UTF-8).</summary>
    public void SaveModel(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = Encoding.UTF8.GetBytes(ModelText);
        stream.Write(bytes);
    }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckWidth(inputSchema);
        return LightGbmScoredDataView.OutputSchema(inputSchema, Options.ScoreColumnName);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckWidth(input.Schema);
        return new LightGbmScoredDataView(input, this);
    }

    /// <summary>
    /// TreeSHAP contributions of every row of <paramref name="input"/>: FeatureCount + 1 values per row, one per slot of
    /// the features vector and the expected value last; each row's values sum to the model's raw prediction.
    /// </summary>
    public double[][] Contributions(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckWidth(input.Schema);
        var (values, rows, _) = DataViewMatrix.Read(input, Options.FeatureColumnName);
        if (rows == 0)
        {
            return [];
        }

        var phi = Booster.Predict(values, rows, rowMajor: true, LightGbmPrediction.Contributions, Options.NumThreads);
        var width = FeatureCount + 1;
        return Enumerable.Range(0, rows).Select(r => phi.AsSpan(r * width, width).ToArray()).ToArray();
    }

    /// <summary>The model's predictions in double precision (the score column holds them rounded to Single).</summary>
    public double[] Predict(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckWidth(input.Schema);
        var (values, rows, _) = DataViewMatrix.Read(input, Options.FeatureColumnName);
        return rows == 0 ? [] : Booster.Predict(values, rows, rowMajor: true, LightGbmPrediction.Normal, Options.NumThreads);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("LightGbmQuantileTransformer scores IDataViews (Transform); it is not a row-to-row mapper.");

    /// <inheritdoc />
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("ML.NET's model context is internal to ML.NET; save the LightGBM text model with SaveModel(stream).");

    /// <inheritdoc />
    public void Dispose() => Booster.Dispose();

    private void CheckWidth(DataViewSchema schema)
    {
        var width = DataViewMatrix.Width(schema, Options.FeatureColumnName);
        if (width != FeatureCount)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), width, $"Column '{Options.FeatureColumnName}' has {width} slots; the model reads {FeatureCount}.");
        }
    }
}
