namespace MeioForecast.Forecasting.Ssa;

/// <summary>
/// Whether <see cref="SsaForecaster"/> decomposes the (signal-adjusted) series itself or its seasonal difference
/// z_t = a_t - a_{t-m} (forecast back as a_{T+h} = a_{T+h-m} + z_{T+h}): with few seasonal cycles (e.g. 2.6 years of
/// weekly data) SSA cannot resolve a yearly profile, while the year-over-year change is low-rank.
/// </summary>
public enum SsaDifferencing
{
    /// <summary>
    /// The seasonal difference when the history holds fewer than three seasonal cycles (too few for SSA to separate a
    /// whole seasonal profile from noise), else fit both and keep the one with the lower validation error (MAE of
    /// held-out rolling-origin forecasts).
    /// </summary>
    Auto,

    /// <summary>Decompose the series itself.</summary>
    None,

    /// <summary>Decompose the seasonal difference (needs <see cref="SsaOptions.MinHistory"/> periods after the first season).</summary>
    Seasonal,
}
