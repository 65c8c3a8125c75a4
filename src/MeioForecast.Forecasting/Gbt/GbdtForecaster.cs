using MeioForecast.Core.Demand;
using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// A global quantile GBDT forecaster over all sku-nodes (the M5-competition recipe: one pooled model, direct multi-horizon
/// features; Makridakis, Spiliotis and Assimakopoulos 2022, "M5 accuracy competition: results, findings, and
/// conclusions", Int. J. Forecasting 38(4)). One model per trained level (<see cref="MultiQuantileGbdt"/>) on the
/// leakage-free features of <see cref="ForecastFeatures"/>; quantiles are sorted per period and floored at zero.
/// </summary>
public sealed class GbdtForecaster : IForecaster
{
    private readonly GbdtForecasterOptions _options;

    /// <summary>Creates the forecaster with validated options.</summary>
    public GbdtForecaster(GbdtForecasterOptions? options = null)
    {
        _options = options ?? new GbdtForecasterOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "gbdt";

    /// <inheritdoc />
    public IForecastModel Fit(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var h = _options.Horizon ?? (data.Period == PeriodKind.Day ? 28 : 8);
        var features = new ForecastFeatures(data.Period, h, data.Series, data.Signals);
        var train = features.TrainingSet(data.Series, data.Signals);
        if (train.RowCount == 0)
        {
            throw new ArgumentException($"No series is longer than the horizon {h}: nothing to learn from.", nameof(data));
        }

        var gbdt = _options.Gbdt with { Seed = data.Seed };
        var model = new MultiQuantileGbdt(_options.Levels, gbdt).Fit(train);
        return new GbdtForecastModel(data.Series, features, h, model, Name);
    }
}
