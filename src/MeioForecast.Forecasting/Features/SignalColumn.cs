using MeioForecast.Core.Demand;
using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Features;

/// <summary>One signal resolved for every series over its history plus <c>extra</c> periods (NaN where absent).</summary>
internal sealed class SignalColumn
{
    private SignalColumn(string name, double[][] values, bool isEvent)
    {
        Name = name;
        Values = values;
        IsEvent = isEvent;
    }

    public string Name { get; }

    /// <summary>[series][period index from the series start].</summary>
    public double[][] Values { get; }

    /// <summary>True when every given value is 0 or 1 (a holiday or event flag).</summary>
    public bool IsEvent { get; }

    public static SignalColumn Load(string name, IReadOnlyList<DemandSeries> series, SignalTable signals, PeriodKind period, int extra)
    {
        var values = series.Select(s => signals.Series(name, s.Key, period, s.Start, s.Length + extra)).ToArray();
        var isEvent = values.All(v => v.All(x => double.IsNaN(x) || x == 0 || x == 1));
        return new SignalColumn(name, values, isEvent);
    }
}
