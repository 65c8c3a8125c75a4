using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Features;

/// <summary>Options of <see cref="DirectFeatureBuilder"/>; null means the default for the data's period.</summary>
public sealed record FeatureOptions
{
    /// <summary>Rolling-mean windows at the origin, periods. Default: 7, 28, 91 (daily); 4, 13, 52 (weekly). Each &gt;= 1.</summary>
    public IReadOnlyList<int>? RollingWindows { get; init; }

    /// <summary>Window of the per-series scale (mean demand at the origin), periods. Default 91 (daily), 26 (weekly). &gt;= 1.</summary>
    public int? ScaleWindow { get; init; }

    /// <summary>Smoothing constants of the exponentially weighted means, each in (0, 1]. Default 0.1 and 0.3.</summary>
    public IReadOnlyList<double> EwmAlphas { get; init; } = [0.1, 0.3];

    /// <summary>Periods scanned for the distance to the previous/next event of a known 0/1 signal. Default 14 (daily), 4 (weekly).</summary>
    public int? EventReach { get; init; }

    /// <summary>The windows for <paramref name="period"/>.</summary>
    public IReadOnlyList<int> WindowsFor(PeriodKind period) => RollingWindows ?? (period == PeriodKind.Day ? [7, 28, 91] : [4, 13, 52]);

    /// <summary>The scale window for <paramref name="period"/>.</summary>
    public int ScaleWindowFor(PeriodKind period) => ScaleWindow ?? (period == PeriodKind.Day ? 91 : 26);

    /// <summary>The event reach for <paramref name="period"/>.</summary>
    public int EventReachFor(PeriodKind period) => EventReach ?? (period == PeriodKind.Day ? 14 : 4);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (RollingWindows is { } w && (w.Count == 0 || w.Any(x => x < 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(RollingWindows), "Rolling windows must be a non-empty list of periods >= 1.");
        }

        if (ScaleWindow is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ScaleWindow), ScaleWindow, "ScaleWindow must be >= 1.");
        }

        if (EwmAlphas.Any(a => !(a > 0 && a <= 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(EwmAlphas), "Each EWM alpha must lie in (0, 1].");
        }

        if (EventReach is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EventReach), EventReach, "EventReach must be >= 1.");
        }
    }
}
