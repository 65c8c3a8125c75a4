using MeioForecast.Core.Distributions;

namespace MeioForecast.Optimization.Tests.Gsm;

/// <summary>A demand bound given by a table of safety stocks (any shape: not concave, not even monotone), for oracle tests.</summary>
internal sealed class TableDemandBound(double mean, double[] safetyStock) : DemandBound
{
    public override double MeanPerPeriod => mean;

    public override double BaseStock(int tau) => tau * mean + safetyStock[Math.Min(tau, safetyStock.Length - 1)];
}
