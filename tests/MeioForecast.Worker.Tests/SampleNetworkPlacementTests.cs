using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Baseline;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Storage.Input;

namespace MeioForecast.Worker.Tests;

/// <summary>GSM network placement on data-samples against the single-echelon placement, same forecasts and targets.</summary>
public class SampleNetworkPlacementTests
{
    [Fact]
    public void On_data_samples_network_placement_differs_and_costs_no_more_than_single_echelon()
    {
        var input = PlanningInputLoader.Load(TestPaths.DataSamples);
        var settings = input.Settings;
        var model = new SeasonalEmpiricalForecaster().Fit(new ForecastTrainingData(settings.Period, input.Demand, input.Signals, settings.Seed));
        var forecasts = model.Predict(new ForecastRequest(settings.Horizon, settings.QuantileLevels, input.Signals));
        var demand = NodeDemand.Build(NetworkPlan.Build(input), forecasts);

        var single = new SingleEchelonPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None);
        var network = new NetworkPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None);

        Assert.Equal(single.Select(r => (r.Sku, r.Location, r.ServiceLevel)), network.Select(r => (r.Sku, r.Location, r.ServiceLevel)));
        var singleTotal = single.Sum(r => r.HoldingCost);
        var networkTotal = network.Sum(r => r.HoldingCost);
        Assert.True(networkTotal <= singleTotal + 1e-9, $"network {networkTotal} > single-echelon {singleTotal}");
        // Placement differs: some node quotes or receives a positive service time, so its safety stock moves.
        Assert.Contains(network, r => r.OutboundServiceTime > 0);
        Assert.True(networkTotal < singleTotal);
    }
}
