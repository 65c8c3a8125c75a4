namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Gradients, initial score, leaf renewal and loss of the objectives, as in LightGBM's regression objectives.
/// Quantile (pinball loss rho_alpha(y - s) = max(alpha (y - s), (alpha - 1)(y - s))): gradient 1 - alpha where s &gt;= y
/// (ties included, so a leaf of exact zeros can move) else -alpha, hessian 1, initial score the alpha-quantile of y, and
/// each new leaf renewed to the alpha-quantile of the residuals y - s of its rows (Friedman 2001, "Greedy function
/// approximation: a gradient boosting machine", Ann. Statist., section 4.3 LAD-TreeBoost, generalised to alpha).
/// L1 is the quantile objective at alpha = 0.5 with gradient sign(s - y). L2: gradient s - y, hessian 1, initial score
/// the mean. Sample weights multiply gradients and hessians.
/// </summary>
internal sealed class ObjectiveFunction(GbdtObjective kind, double alpha)
{
    /// <summary>The objective.</summary>
    public GbdtObjective Kind { get; } = kind;

    /// <summary>Quantile level used by initial score and renewal (0.5 for L1).</summary>
    public double Alpha { get; } = kind == GbdtObjective.L1 ? 0.5 : alpha;

    /// <summary>True when leaves are renewed to residual quantiles.</summary>
    public bool RenewsLeaves => Kind != GbdtObjective.L2;

    /// <summary>Gradient of the loss at score <paramref name="s"/> for label <paramref name="y"/> (unit weight).</summary>
    public double Gradient(double s, double y) => Kind switch
    {
        GbdtObjective.Quantile => s >= y ? 1.0 - Alpha : -Alpha,
        GbdtObjective.L1 => s > y ? 1.0 : s < y ? -1.0 : 0.0,
        _ => s - y,
    };

    /// <summary>Loss at score <paramref name="s"/> for label <paramref name="y"/> (unit weight).</summary>
    public double Loss(double s, double y)
    {
        var d = y - s;
        return Kind switch
        {
            GbdtObjective.Quantile => d >= 0 ? Alpha * d : (Alpha - 1) * d,
            GbdtObjective.L1 => Math.Abs(d),
            _ => d * d,
        };
    }

    /// <summary>Initial score: weighted alpha-quantile (quantile, L1) or weighted mean (L2) of the labels.</summary>
    public double InitScore(double[] label, double[]? weights, double[]? scratch = null)
    {
        if (Kind == GbdtObjective.L2)
        {
            double sw = 0, swy = 0;
            for (var i = 0; i < label.Length; i++)
            {
                var w = weights?[i] ?? 1.0;
                sw += w;
                swy += w * label[i];
            }

            return sw > 0 ? swy / sw : 0.0;
        }

        var values = scratch ?? new double[label.Length];
        label.CopyTo(values, 0);
        return weights is null
            ? Percentile.Unweighted(values.AsSpan(0, label.Length), Alpha)
            : Percentile.Weighted(values.AsSpan(0, label.Length), (double[])weights.Clone(), Alpha);
    }

    /// <summary>Weighted mean loss of <paramref name="score"/> against <paramref name="label"/>.</summary>
    public double MeanLoss(double[] score, double[] label, double[]? weights)
    {
        double sw = 0, sl = 0;
        for (var i = 0; i < label.Length; i++)
        {
            var w = weights?[i] ?? 1.0;
            sw += w;
            sl += w * Loss(score[i], label[i]);
        }

        return sw > 0 ? sl / sw : 0.0;
    }
}
