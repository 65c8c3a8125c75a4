using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Global;

namespace MeioForecast.Forecasting.Trained;

/// <summary>
/// The GBDT candidate of a registered stage: "fitting" at an offset from <paramref name="end"/> returns the stage's fit
/// recorded at that offset, applied to the given series with the training vocabulary.
/// </summary>
internal sealed class ReplayGbdt(TrainedStage stage, DateOnly end) : IForecaster
{
    public string Name => "gbdt";

    public IForecastModel Fit(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var offset = RecordingGbdt.Offset(stage.Period, data, end);
        if (!stage.Fits.TryGetValue(offset, out var fit))
        {
            throw new InvalidOperationException(
                $"The trained stage has no GBDT fit {offset} periods before the end of the data (it has: {string.Join(", ", stage.Fits.Keys.Order())}).");
        }

        var o = stage.Options.Gbdt;
        return new GlobalGbdtModel(stage.Period, data.Series, data.Signals, o.HorizonFor(stage.Period), o.Features, fit.FeatureNames, fit.Model, Name, fit.Vocabulary, o.MissingHistorySignal);
    }
}
