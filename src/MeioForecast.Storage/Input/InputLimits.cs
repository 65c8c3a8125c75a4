namespace MeioForecast.Storage.Input;

/// <summary>
/// The bounded ranges of the input contract (docs/input-format.md, "Ranges"), checked when the input is loaded so that a
/// typo (1e200 units, a lead time of 1e9 periods, the year 2206) is reported as file:line before any forecasting, and
/// the engines behind the loader (forecasters, the GSM cost tables sized by cumulative lead time, the simulator) only
/// ever see values in ranges they handle in bounded time and memory.
/// </summary>
public static class InputLimits
{
    /// <summary>Largest demand quantity per row and largest absolute signal value: 1e9.</summary>
    public const double MaxQuantity = 1e9;

    /// <summary>Largest unit cost, currency units: 1e9.</summary>
    public const double MaxUnitCost = 1e9;

    /// <summary>Largest annual holding cost rate (a fraction of unit cost): 10 (1000 % a year).</summary>
    public const double MaxHoldingCostRate = 10;

    /// <summary>Largest lead time (mean, sd, distribution period), processing time or max service time, periods: 1000.</summary>
    public const double MaxPeriods = 1000;

    /// <summary>
    /// Largest cumulative lead time of a sku's network (lead_time_mean + processing_time summed along any path), periods:
    /// 400. The service check's simulated warm-up and pipeline grow with it (measured: data-samples with a 360-period
    /// path plans in about 5 minutes on 2 busy cores, against 1 to 2 minutes as shipped; 900 periods did not finish in 7).
    /// </summary>
    public const double MaxCumulativePeriods = 400;

    /// <summary>Largest quantity_per_unit (it must also be &gt; 0): 1e6.</summary>
    public const double MaxQuantityPerUnit = 1e6;

    /// <summary>Most lanes on any path of a sku's network (stages in series).</summary>
    public const int MaxPathLanes = 100;

    /// <summary>Largest echelon number.</summary>
    public const int MaxEchelon = 100;

    /// <summary>Most outcomes of one lead-time distribution.</summary>
    public const int MaxDistributionOutcomes = 1000;

    /// <summary>Longest id (sku, location, signal name), characters.</summary>
    public const int MaxIdLength = 200;

    /// <summary>
    /// Largest gap between consecutive distinct dates of demand.csv, days: a date beyond a longer gap (before the first
    /// gap or after the last) is a typo in the year, not history; it would move the forecast origin or the start of every
    /// series by years.
    /// </summary>
    public const int MaxDemandGapDays = 366;

    /// <summary>Earliest date accepted anywhere.</summary>
    public static DateOnly MinDate { get; } = new(1900, 1, 1);

    /// <summary>Latest date accepted anywhere.</summary>
    public static DateOnly MaxDate { get; } = new(2199, 12, 31);

    /// <summary>Fewest periods of demand history (first to last date of demand.csv): 2.</summary>
    public const int MinHistoryPeriods = 2;
}
