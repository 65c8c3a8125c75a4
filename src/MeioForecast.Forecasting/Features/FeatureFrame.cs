namespace MeioForecast.Forecasting.Features;

/// <summary>
/// A dense feature table for a global model: column-major values (NaN = missing), the scaled target of each row,
/// the per-series scale that turns a scaled prediction back into units, and where each row comes from.
/// </summary>
/// <param name="Names">Feature names, in column order.</param>
/// <param name="Categorical">True for categorical columns (integer codes).</param>
/// <param name="Columns">Values, [column][row].</param>
/// <param name="Target">Scaled target y[T] / scale (NaN when T is in the future).</param>
/// <param name="Scale">Per-row series scale at the origin.</param>
/// <param name="Series">Series index of each row.</param>
/// <param name="Origin">Origin index t of each row (last history period used).</param>
/// <param name="Horizon">Horizon h of each row (target period T = t + h).</param>
public sealed record FeatureFrame(
    IReadOnlyList<string> Names,
    IReadOnlyList<bool> Categorical,
    double[][] Columns,
    double[] Target,
    double[] Scale,
    int[] Series,
    int[] Origin,
    int[] Horizon)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Target.Length;
}
