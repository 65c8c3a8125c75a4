using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Baseline;
using Microsoft.Extensions.Configuration;

namespace MeioForecast.Worker;

/// <summary>
/// The <c>Forecasting:Method</c> setting: <c>stage</c> (default: the gbdt+ssa forecasting stage) or <c>baseline</c>
/// (seasonal empirical quantiles, per series). Sharded runs need a per-series forecaster until a registered global model
/// can be shared by every shard: a global model trained per shard differs from one trained on all skus.
/// </summary>
internal static class ForecasterChoice
{
    /// <summary>The forecaster to register instead of the default, or null for the default stage.</summary>
    public static IForecaster? FromConfiguration(IConfiguration configuration) => configuration["Forecasting:Method"] switch
    {
        null or "" or "stage" => null,
        "baseline" => new SeasonalEmpiricalForecaster(),
        var other => throw new ConfigurationException($"Forecasting:Method '{other}' is not known (use 'stage' or 'baseline')."),
    };
}
