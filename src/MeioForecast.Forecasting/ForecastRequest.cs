using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting;

/// <summary>A forecast request: how far, which quantiles, and the known future of the signals.</summary>
/// <param name="Horizon">Number of periods after the end of each series (&gt;= 1).</param>
/// <param name="Levels">Quantile levels, ascending.</param>
/// <param name="Signals">Signals including their future values over the horizon (may be <see cref="SignalTable.Empty"/>
/// for models that use none).</param>
public sealed record ForecastRequest(int Horizon, IReadOnlyList<QuantileLevel> Levels, SignalTable Signals)
{
    /// <summary>Validates horizon and levels; throws <see cref="ArgumentException"/> when they are unusable.</summary>
    public void Validate()
    {
        if (Horizon < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Horizon), Horizon, "The horizon must be at least one period.");
        }

        if (Levels.Count == 0)
        {
            throw new ArgumentException("At least one quantile level is needed.", nameof(Levels));
        }

        for (var i = 1; i < Levels.Count; i++)
        {
            if (Levels[i] <= Levels[i - 1])
            {
                throw new ArgumentException("Quantile levels must be strictly ascending.", nameof(Levels));
            }
        }
    }
}
