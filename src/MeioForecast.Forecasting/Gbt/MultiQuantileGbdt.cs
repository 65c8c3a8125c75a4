namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Trains one quantile GBDT per level alpha_1 &lt; ... &lt; alpha_K (in parallel, each with the same options but its own
/// alpha) and returns a <see cref="MultiQuantileGbdtModel"/> whose quantiles never cross.
/// </summary>
public sealed class MultiQuantileGbdt
{
    private readonly GbdtOptions _o;
    private readonly double[] _alphas;

    /// <summary>Creates the trainer; <paramref name="alphas"/> must be distinct levels in (0, 1).</summary>
    public MultiQuantileGbdt(IReadOnlyList<double> alphas, GbdtOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        _o = (options ?? new GbdtOptions()) with { Objective = GbdtObjective.Quantile };
        _o.Validate();
        _alphas = alphas.Order().ToArray();
        if (_alphas.Length == 0 || _alphas.Any(a => a is <= 0 or >= 1) || _alphas.Distinct().Count() != _alphas.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(alphas), "Quantile levels must be distinct values in (0, 1).");
        }
    }

    /// <summary>
    /// Trains the per-level models; models run concurrently, splitting the threads between them. <paramref name="progress"/>
    /// hears of every tree of every level (from the training threads). With <paramref name="refitOn"/> (train and
    /// validation rows together), each level is trained again on it with the tree count early stopping chose, so
    /// that the latest periods, held out to choose that count, also shape the trees.
    /// </summary>
    public MultiQuantileGbdtModel Fit(GbdtDataset train, GbdtDataset? validation = null, IProgress<GbdtProgress>? progress = null, GbdtDataset? refitOn = null)
    {
        // A missing lib_lightgbm is reported here, before Parallel.For would wrap it in an AggregateException.
        GbdtTraining.EnsureAvailable(_o.Engine);
        var models = new IQuantileTreeModel[_alphas.Length];
        var (outer, inner) = Threads(_o, _alphas.Length);
        Parallel.For(0, _alphas.Length, new ParallelOptions { MaxDegreeOfParallelism = outer }, k =>
        {
            var options = _o with { Alpha = _alphas[k], NumThreads = inner };
            models[k] = FitOne(options, train, validation, progress);
            if (refitOn is not null && validation is not null)
            {
                var trees = Math.Max(1, models[k].TreeCount);
                models[k] = FitOne(options with { NumIterations = trees, EarlyStoppingRound = 0 }, refitOn, null, progress is null ? null : new RefitProgress(progress));
            }
        });
        return new MultiQuantileGbdtModel(models);
    }

    /// <summary>
    /// Levels trained at once and threads per model. The native engine splits <see cref="GbdtOptions.EffectiveThreads"/>
    /// (its models do not depend on it). A LightGBM model may depend on its thread count, so that count comes from the
    /// configured <see cref="GbdtOptions.NumThreads"/> alone: 1 per booster when it is 0 (all cores go to levels in
    /// parallel), else NumThreads split over the levels; a run is then byte-identical on any machine.
    /// </summary>
    internal static (int Outer, int Inner) Threads(GbdtOptions o, int levels)
    {
        if (o.Engine == GbdtEngine.LightGbm && o.NumThreads == 0)
        {
            return (Math.Min(Environment.ProcessorCount, levels), 1);
        }

        var threads = o.EffectiveThreads;
        var outer = Math.Min(threads, levels);
        return (outer, Math.Max(1, threads / outer));
    }

    private static IQuantileTreeModel FitOne(GbdtOptions options, GbdtDataset train, GbdtDataset? validation, IProgress<GbdtProgress>? progress) =>
        GbdtTraining.Fit(options, train, validation, progress);

    /// <summary>Marks the refit pass's reports, so that a listener tells them from the first pass's.</summary>
    private sealed class RefitProgress(IProgress<GbdtProgress> inner) : IProgress<GbdtProgress>
    {
        public void Report(GbdtProgress value) => inner.Report(value with { Refit = true });
    }
}
