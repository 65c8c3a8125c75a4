using System.Collections.Concurrent;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Global;

namespace MeioForecast.Forecasting.Trained;

/// <summary>The GBDT candidate while a stage is trained: fits as usual and keeps every fit by its offset from <paramref name="end"/>.</summary>
internal sealed class RecordingGbdt(GlobalGbdtForecaster inner, PeriodKind period, DateOnly end) : IForecaster
{
    private readonly ConcurrentDictionary<int, GlobalGbdtFit> _fits = new();

    public string Name => inner.Name;

    public IReadOnlyDictionary<int, GlobalGbdtFit> Fits => _fits;

    public IForecastModel Fit(ForecastTrainingData data)
    {
        var model = (GlobalGbdtModel)inner.Fit(data);
        var offset = Offset(period, data, end);
        _fits[offset] = new GlobalGbdtFit(offset, model.Quantiles, model.FeatureNames, model.Vocabulary);
        return model;
    }

    /// <summary>Periods between the end of <paramref name="data"/> and <paramref name="end"/>.</summary>
    public static int Offset(PeriodKind period, ForecastTrainingData data, DateOnly end) => period.Between(data.Series.Max(s => s.End), end);
}
