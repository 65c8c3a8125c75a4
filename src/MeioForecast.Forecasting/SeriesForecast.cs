using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting;

/// <summary>
/// The probabilistic forecast of one sku-node: for each period of the horizon, one value per quantile level,
/// monotone non-decreasing in the level and non-negative.
/// </summary>
public sealed record SeriesForecast
{
    /// <summary>Creates a forecast; <paramref name="quantiles"/> is [period, level] and must be monotone in the level.</summary>
    public SeriesForecast(SkuNode key, DateOnly firstDate, IReadOnlyList<QuantileLevel> levels, double[,] quantiles, string method)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(quantiles);
        if (quantiles.GetLength(1) != levels.Count)
        {
            throw new ArgumentException("One column per quantile level is needed.", nameof(quantiles));
        }

        for (var t = 0; t < quantiles.GetLength(0); t++)
        {
            for (var j = 0; j < levels.Count; j++)
            {
                var q = quantiles[t, j];
                if (!double.IsFinite(q) || (j > 0 && q < quantiles[t, j - 1]))
                {
                    throw new ArgumentException($"Quantiles of {key} at step {t} must be finite and monotone in the level.", nameof(quantiles));
                }
            }
        }

        Key = key;
        FirstDate = firstDate;
        Levels = levels;
        Quantiles = quantiles;
        Method = method;
    }

    /// <summary>The sku-node.</summary>
    public SkuNode Key { get; }

    /// <summary>Date of the first forecast period (the period after the origin).</summary>
    public DateOnly FirstDate { get; }

    /// <summary>The quantile levels, ascending.</summary>
    public IReadOnlyList<QuantileLevel> Levels { get; }

    /// <summary>Quantile values, [period, level].</summary>
    public double[,] Quantiles { get; }

    /// <summary>Which method served this sku-node (e.g. <c>baseline</c>, <c>ssa</c>, <c>gbdt</c>, a fallback).</summary>
    public string Method { get; }

    /// <summary>Number of forecast periods.</summary>
    public int Horizon => Quantiles.GetLength(0);

    /// <summary>The quantile values of period <paramref name="step"/> (0-based), ascending by level.</summary>
    public double[] At(int step)
    {
        var row = new double[Levels.Count];
        for (var j = 0; j < row.Length; j++)
        {
            row[j] = Quantiles[step, j];
        }

        return row;
    }
}
