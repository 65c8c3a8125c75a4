namespace MeioForecast.Forecasting.Calibration;

/// <summary>Options of <see cref="ConformalCalibrator"/> and <see cref="ConformalForecaster"/>.</summary>
public sealed record ConformalOptions
{
    /// <summary>Calibrate each horizon step separately. Default true.</summary>
    public bool PerStep { get; init; } = true;

    /// <summary>Fewest scores behind one (segment, step) adjustment; fewer pool all steps, then all segments. Default 30. Range &gt;= 1.</summary>
    public int MinScores { get; init; } = 30;

    /// <summary>Clip calibrated quantiles at zero (demand). Default true.</summary>
    public bool NonNegative { get; init; } = true;

    /// <summary>
    /// Normalised scores: divide each score y - q_p by the sku-node's M5 scale (mean |y_t - y_t-1| of its history before
    /// the backtest origin, the scale of the scaled pinball loss) and multiply the adjustment back by the scale of the
    /// history a forecast starts from, so that one table serves sku-nodes of every size (locally weighted split
    /// conformal, Lei, G'Sell, Rinaldo, Tibshirani &amp; Wasserman 2018, JASA 113(523), sec. 5.2). Sku-nodes without a
    /// positive scale are neither scored nor adjusted. Default false (additive in units).
    /// </summary>
    public bool Scaled { get; init; }

    /// <summary>Backtest origins K whose outcomes calibrate <see cref="ConformalForecaster"/>. Default 4. Range &gt;= 1.</summary>
    public int Origins { get; init; } = 4;

    /// <summary>Horizon of the calibration backtest; later steps reuse its last step. Default 8. Range &gt;= 1.</summary>
    public int Horizon { get; init; } = 8;

    /// <summary>Periods between calibration origins. Default null = the horizon. Range &gt;= 1.</summary>
    public int? Step { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (MinScores < 1 || Origins < 1 || Horizon < 1 || Step is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinScores), "MinScores, Origins, Horizon and Step must be at least 1.");
        }
    }
}
