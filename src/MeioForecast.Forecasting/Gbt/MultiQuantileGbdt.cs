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
        var (outer, inner) = Threads(_o, _alphas.Length);
        var options = _alphas.Select(a => _o with { Alpha = a, NumThreads = inner }).ToArray();
        var refit = refitOn is not null && validation is not null;
        var models = Levels(options, outer, train, validation, progress);
        if (refit)
        {
            // Each level again on all rows with the tree count its early stopping kept.
            var again = options.Select((o, k) => o with { NumIterations = Math.Max(1, models[k].TreeCount), EarlyStoppingRound = 0 }).ToArray();
            models = Levels(again, outer, refitOn!, null, progress is null ? null : new RefitProgress(progress));
        }

        return new MultiQuantileGbdtModel(models);
    }

    /// <summary>One model per level, <paramref name="outer"/> at once; LightGBM's levels share one binned dataset.</summary>
    private static IQuantileTreeModel[] Levels(GbdtOptions[] options, int outer, GbdtDataset train, GbdtDataset? validation, IProgress<GbdtProgress>? progress)
    {
        var models = new IQuantileTreeModel[options.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = outer };
        if (options[0].Engine == GbdtEngine.LightGbm)
        {
            using var data = LightGbmTrainingSet.Create(options[0], options[0].NumThreads, train, options[0].EarlyStoppingRound > 0 ? validation : null);
            Parallel.For(0, options.Length, parallel, k => models[k] = LightGbmGbdtTrainer.Fit(options[k], options[k].NumThreads, data, progress));
        }
        else
        {
            Parallel.For(0, options.Length, parallel, k => models[k] = new GbdtTrainer(options[k]).Fit(train, validation, progress));
        }

        return models;
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

    /// <summary>Marks the refit pass's reports, so that a listener tells them from the first pass's.</summary>
    private sealed class RefitProgress(IProgress<GbdtProgress> inner) : IProgress<GbdtProgress>
    {
        public void Report(GbdtProgress value) => inner.Report(value with { Refit = true });
    }
}
