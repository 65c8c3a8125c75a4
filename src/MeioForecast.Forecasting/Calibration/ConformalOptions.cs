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
    /// Normalised scores: divide each score y - q_p by the sku-node's recent volume (sum of |y| over the last H periods
    /// before the backtest origin, the M5 weight; H = the backtest horizon) and multiply the adjustment back by the
    /// volume of the last H periods a forecast starts from, so that one table serves sku-nodes of every size (locally
    /// weighted split conformal, Lei, G'Sell, Rinaldo, Tibshirani &amp; Wasserman 2018, JASA 113(523), sec. 5.2).
    /// Sku-nodes without recent demand are neither scored nor adjusted. Default false (additive in units).
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
