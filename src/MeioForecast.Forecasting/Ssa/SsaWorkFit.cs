using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Ssa;

/// <summary>
/// SSA of the work series w (the adjusted series a, or its seasonal difference a_t - a_{t-m}) with the rank chosen on
/// held-out origins: the validation grouping uses the eigenvectors of w before the last SeriesLength periods, so its
/// forecasts from origins inside them are honest; errors are measured on a (the difference is integrated back).
/// </summary>
internal sealed class SsaWorkFit
{
    private SsaWorkFit(int lag, SsaDecomposition decomposition, SsaReconstruction full, SsaReconstruction validation, int start, double error)
    {
        Lag = lag;
        Decomposition = decomposition;
        Full = full;
        Validation = validation;
        ValidationStart = start;
        ValidationError = error;
    }

    /// <summary>Seasonal difference lag m, 0 for none.</summary>
    public int Lag { get; }

    public SsaDecomposition Decomposition { get; }

    /// <summary>The chosen grouping on the whole work series.</summary>
    public SsaReconstruction Full { get; }

    /// <summary>The chosen grouping on the early eigenvectors, projected over the whole work series.</summary>
    public SsaReconstruction Validation { get; }

    /// <summary>First validation origin, as a count of known values of a.</summary>
    public int ValidationStart { get; }

    /// <summary>MAE of the validation forecasts on a (selection horizon).</summary>
    public double ValidationError { get; }

    public static SsaWorkFit Fit(double[] a, int lag, PeriodKind period, SsaOptions options)
    {
        var raw = lag == 0 ? a : Enumerable.Range(lag, a.Length - lag).Select(t => a[t] - a[t - lag]).ToArray();
        var n = raw.Length;
        var l = lag == 0 ? options.EffectiveWindow(period, n) : options.EffectiveDifferencedWindow(period, n);
        var held = options.EffectiveSeriesLength(period);
        var start = Math.Max(n - held, l + 2);
        var honest = start < n - 1;
        if (!honest)
        {
            start = Math.Max(l, n - held);
        }

        // A seasonal difference is centred (its mean is the drift, kept out of the decomposition) and may take rank 0.
        var mu = lag == 0 ? 0.0 : raw.Average();
        var muEarly = lag == 0 || !honest ? mu : raw[..start].Average();
        var w = raw.Select(v => v - mu).ToArray();
        var wEarly = raw.Select(v => v - muEarly).ToArray();
        SsaDecomposition d, early;
        if (honest && lag == 0)
        {
            // Undifferenced, nothing is centred: the early series is a prefix of the work series.
            (early, d) = SsaDecomposition.ComputePrefixAndWhole(w, start, l);
        }
        else
        {
            d = SsaDecomposition.Compute(w, l);
            early = honest ? SsaDecomposition.Compute(wEarly[..start], l) : d;
        }
        var maxRank = Math.Min(options.MaxRank ?? Math.Max(1, Math.Min(l / 2, 30)), l - 1);
        var minRank = lag == 0 ? 1 : 0;
        var validation = new List<SsaReconstruction>();
        if (minRank == 0)
        {
            validation.Add(SsaReconstruction.Zero(l, n - l + 1));
        }

        // The validation groupings forecast from origin `start` on only (Error, StepErrors without in-sample errors).
        validation.AddRange(early.UpToRank(maxRank, wEarly, start));
        var h = Math.Max(1, Math.Min(options.EffectiveSelectionHorizon(period), n - start));
        var errors = validation.Select((r, i) => r.CanForecast && (r.Rank == 0 || d.AtRankIfFeasible(r.Rank)) ? Error(r, muEarly, a, lag, start + lag, h) : double.PositiveInfinity).ToArray();
        int rank;
        if (options.RankSelection == SsaRankSelection.Explicit)
        {
            rank = Math.Min(options.Rank!.Value, maxRank);
        }
        else if (options.RankSelection == SsaRankSelection.VarianceThreshold)
        {
            rank = Math.Min(d.RankForShare(options.VarianceThreshold), maxRank);
        }
        else
        {
            var best = errors.Min();
            rank = double.IsPositiveInfinity(best) ? minRank : validation[Array.FindIndex(errors, e => e <= (best * (1 + options.RankTolerance)) + 1e-12)].Rank;
        }

        var full = Stable(d, rank, minRank, a, lag, mu, Math.Max(options.EffectiveSelectionHorizon(period), period.SeasonLength()));
        var check = validation.First(r => r.Rank == full.Rank);
        var checkMu = muEarly;
        if (!check.CanForecast)
        {
            start = Math.Max(l, n - held);
            check = full;
            checkMu = mu;
        }

        var error = Error(check, checkMu, a, lag, start + lag, h);
        return new SsaWorkFit(lag, d, full, check, start + lag, error) { Mean = mu, ValidationMean = checkMu };
    }

    /// <summary>Mean removed from the work series before the full decomposition (the drift of a seasonal difference).</summary>
    public double Mean { get; private init; }

    /// <summary>Mean removed before the early (validation) decomposition.</summary>
    public double ValidationMean { get; private init; }

    /// <summary>Forecast of a over <paramref name="horizon"/> steps after its first <paramref name="origin"/> values.</summary>
    public static double[] ForecastA(SsaReconstruction rec, double mean, double[] a, int lag, int origin, int horizon)
    {
        var wf = rec.ForecastFrom(origin - lag, horizon);
        for (var s = 0; s < horizon; s++)
        {
            wf[s] += mean;
        }

        if (lag == 0)
        {
            return wf;
        }

        var af = new double[horizon];
        for (var s = 0; s < horizon; s++)
        {
            af[s] = wf[s] + (s < lag ? a[origin + s - lag] : af[s - lag]);
        }

        return af;
    }

    /// <summary>In-sample reconstruction of a (the first m values of a differenced fit are a itself).</summary>
    public double[] ReconstructA(double[] a)
    {
        var w = Full.Reconstructed();
        return Lag == 0 ? w : a.Select((v, t) => t < Lag ? v : a[t - Lag] + w[t - Lag] + Mean).ToArray();
    }

    /// <summary>
    /// Errors a[o+s] - forecast_o[s] per step s: from origins o in [ValidationStart, n - 1] with the validation grouping,
    /// or, when <paramref name="inSample"/>, from every origin o &gt;= L + m with the full grouping.
    /// </summary>
    public List<double>[] StepErrors(double[] a, int horizon, bool inSample)
    {
        var n = a.Length;
        var errors = new List<double>[horizon];
        for (var s = 0; s < horizon; s++)
        {
            errors[s] = [];
        }

        var rec = inSample ? Full : Validation;
        var mean = inSample ? Mean : ValidationMean;
        for (var o = inSample ? Full.WindowLength + Lag : ValidationStart; o < n; o++)
        {
            var steps = Math.Min(horizon, n - o);
            var f = ForecastA(rec, mean, a, Lag, o, steps);
            for (var s = 0; s < steps; s++)
            {
                errors[s].Add(a[o + s] - f[s]);
            }
        }

        return errors;
    }

    private static double Error(SsaReconstruction rec, double mean, double[] a, int lag, int first, int h)
    {
        var sum = 0.0;
        var count = 0;
        for (var o = first; o + h <= a.Length; o++)
        {
            var f = ForecastA(rec, mean, a, lag, o, h);
            for (var s = 0; s < h; s++)
            {
                sum += Math.Abs(a[o + s] - f[s]);
                count++;
            }
        }

        return count == 0 ? 0.0 : sum / count;
    }

    /// <summary>
    /// The largest rank &lt;= <paramref name="rank"/> whose LRR exists (nu^2 &lt; 1) and whose forecast of
    /// <paramref name="horizon"/> steps stays within [min - R, max + R] of the history (R = its range): a guard against
    /// LRR roots outside the unit circle, whose components grow geometrically (Golyandina &amp; Korobeynikov 2014,
    /// Sec. 2.3). The lowest rank allowed when none qualifies.
    /// </summary>
    private static SsaReconstruction Stable(SsaDecomposition d, int rank, int minRank, double[] a, int lag, double mean, int horizon)
    {
        var min = a.Min();
        var max = a.Max();
        var lo = min - (max - min);
        var hi = max + (max - min);
        for (var r = rank; r >= 1; r--)
        {
            if (d.AtRankIfFeasible(r))
            {
                var candidate = d.AtRank(r);
                if (ForecastA(candidate, mean, a, lag, a.Length, horizon).All(v => v >= lo && v <= hi))
                {
                    return candidate;
                }
            }
        }

        return minRank == 0 ? SsaReconstruction.Zero(d.WindowLength, d.LaggedVectors) : d.AtRank(1);
    }
}
