using MeioForecast.Core.Planning;

namespace MeioForecast.Pipeline.Publishing;

/// <summary>Port: the model registry a run may forecast with (the <c>Forecasting:Model</c> setting resolved against the input).</summary>
public interface IForecastModelSource
{
    /// <summary>The setting as given (<c>latest</c>, <c>train</c> or a model id), for the log.</summary>
    string Setting { get; }

    /// <summary>The registered model that forecasts <paramref name="input"/>, or none (the run trains its forecaster), with notes on models skipped.</summary>
    Task<ChosenModel> ResolveAsync(PlanningInput input, CancellationToken cancellationToken);
}
