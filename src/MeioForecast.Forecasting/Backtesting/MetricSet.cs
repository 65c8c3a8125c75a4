namespace MeioForecast.Forecasting.Backtesting;

/// <summary>Accuracy of quantile forecasts over a set of <see cref="ForecastOutcome"/> (one sku-node, or all).</summary>
public sealed record MetricSet
{
    /// <summary>Scored points (outcomes that are not NaN).</summary>
    public required int Points { get; init; }

    /// <summary>Mean pinball loss per level over scored points, in demand units.</summary>
    public required IReadOnlyList<double> Pinball { get; init; }

    /// <summary>Scaled pinball loss per level: mean over outcomes (sku-node x origin) of pinball / M5 scale.</summary>
    public required IReadOnlyList<double> ScaledPinball { get; init; }

    /// <summary>SPL averaged over the levels (unweighted over outcomes).</summary>
    public required double Spl { get; init; }

    /// <summary>
    /// Weighted SPL (M5): sum_u w_u SPL_u / sum_u w_u over outcomes u with a positive finite scale, SPL_u the mean over
    /// levels of u's scaled pinball loss.
    /// </summary>
    public required double Wspl { get; init; }

    /// <summary>Empirical coverage per level: share of scored outcomes at or below the level's quantile.</summary>
    public required IReadOnlyList<double> Coverage { get; init; }

    /// <summary>Central intervals (pairs of levels p, 1 - p).</summary>
    public required IReadOnlyList<IntervalMetric> Intervals { get; init; }

    /// <summary>Mean CRPS approximated from the quantiles (<see cref="QuantileLoss.Crps"/>).</summary>
    public required double Crps { get; init; }

    /// <summary>Mean of median forecast minus outcome (NaN when 0.5 is not a level).</summary>
    public required double Bias { get; init; }

    /// <summary>Total M5 weight of the outcomes.</summary>
    public required double Weight { get; init; }
}
