namespace MeioForecast.Forecasting.Gbt;

/// <summary>Options of <see cref="GbdtForecaster"/>.</summary>
public sealed record GbdtForecasterOptions
{
    /// <summary>
    /// Longest horizon H the model serves, in periods: every target lag used is &gt;= H, so all features are known at the
    /// forecast origin (direct, non-recursive). Default null = 28 for daily data, 8 for weekly. Range 1..366.
    /// </summary>
    public int? Horizon { get; init; }

    /// <summary>
    /// Quantile levels trained, one model each. Requested levels between two trained ones are linearly interpolated,
    /// outside they take the nearest. Default 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95; each in (0, 1), distinct.
    /// </summary>
    public IReadOnlyList<double> Levels { get; init; } = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

    /// <summary>Engine options; Objective and Alpha are set per level. Default: 200 trees, 31 leaves, learning rate 0.08.</summary>
    public GbdtOptions Gbdt { get; init; } = new() { NumIterations = 200, NumLeaves = 31, LearningRate = 0.08, MinDataInLeaf = 20 };

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (Horizon is < 1 or > 366)
        {
            throw new ArgumentOutOfRangeException(nameof(Horizon), Horizon, "Horizon must be in 1..366.");
        }

        ArgumentNullException.ThrowIfNull(Levels);
        if (Levels.Count == 0 || Levels.Any(l => l is <= 0 or >= 1) || Levels.Distinct().Count() != Levels.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(Levels), "Levels must be distinct values in (0, 1).");
        }

        ArgumentNullException.ThrowIfNull(Gbdt);
        Gbdt.Validate();
    }
}
