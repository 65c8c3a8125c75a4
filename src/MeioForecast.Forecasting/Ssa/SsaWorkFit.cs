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
        var w = lag == 0 ? a : Enumerable.Range(lag, a.Length - lag).Select(t => a[t] - a[t - lag]).ToArray();
        var n = w.Length;
        var l = options.EffectiveWindow(period, n);
        var d = SsaDecomposition.Compute(w, l);
        var maxRank = Math.Min(options.MaxRank ?? Math.Max(1, Math.Min(l / 2, 30)), l - 1);
        var held = options.EffectiveSeriesLength(period);
        var start = Math.Max(n - held, l + 2);
        var early = start < n - 1 ? SsaDecomposition.Compute(w[..start], l) : d;
        if (ReferenceEquals(early, d))
        {
            start = Math.Max(l, n - held);
        }

        var validation = early.UpToRank(maxRank, w).ToArray();
        var h = Math.Max(1, Math.Min(options.EffectiveSelectionHorizon(period), n - start));
        var errors = validation.Select((r, i) => r.CanForecast && d.AtRankIfFeasible(i + 1) ? Error(r, a, lag, start + lag, h) : double.PositiveInfinity).ToArray();
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
            rank = double.IsPositiveInfinity(best) ? 1 : Array.FindIndex(errors, e => e <= (best * (1 + options.RankTolerance)) + 1e-12) + 1;
        }

        var full = Stable(d, rank, a, lag, Math.Max(options.EffectiveSelectionHorizon(period), period.SeasonLength()));
        var check = validation[Math.Min(full.Rank, validation.Length) - 1];
        if (!check.CanForecast)
        {
            start = Math.Max(l, n - held);
            check = full;
        }

        var error = Error(check, a, lag, start + lag, h);
        return new SsaWorkFit(lag, d, full, check, start + lag, error);
    }

    /// <summary>Forecast of a over <paramref name="horizon"/> steps after its first <paramref name="origin"/> values.</summary>
    public static double[] ForecastA(SsaReconstruction rec, double[] a, int lag, int origin, int horizon)
    {
        var wf = rec.ForecastFrom(origin - lag, horizon);
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
        return Lag == 0 ? w : a.Select((v, t) => t < Lag ? v : a[t - Lag] + w[t - Lag]).ToArray();
    }

    /// <summary>Errors a[o+s] - forecast_o[s] per step s, from origins o in [ValidationStart, n - 1].</summary>
    public List<double>[] StepErrors(double[] a, int horizon)
    {
        var n = a.Length;
        var errors = new List<double>[horizon];
        for (var s = 0; s < horizon; s++)
        {
            errors[s] = [];
        }

        for (var o = ValidationStart; o < n; o++)
        {
            var steps = Math.Min(horizon, n - o);
            var f = ForecastA(Validation, a, Lag, o, steps);
            for (var s = 0; s < steps; s++)
            {
                errors[s].Add(a[o + s] - f[s]);
            }
        }

        return errors;
    }

    private static double Error(SsaReconstruction rec, double[] a, int lag, int first, int h)
    {
        var sum = 0.0;
        var count = 0;
        for (var o = first; o + h <= a.Length; o++)
        {
            var f = ForecastA(rec, a, lag, o, h);
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
    /// Sec. 2.3). Rank 1 when none qualifies.
    /// </summary>
    private static SsaReconstruction Stable(SsaDecomposition d, int rank, double[] a, int lag, int horizon)
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
                if (ForecastA(candidate, a, lag, a.Length, horizon).All(v => v >= lo && v <= hi))
                {
                    return candidate;
                }
            }
        }

        return d.AtRank(1);
    }
}
