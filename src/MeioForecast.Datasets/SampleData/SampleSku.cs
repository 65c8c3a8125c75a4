namespace MeioForecast.Datasets.SampleData;

/// <summary>The hidden demand parameters of one generated sku.</summary>
internal sealed record SampleSku(
    int Index,
    string Id,
    double Rate,
    double BasePrice,
    double Elasticity,
    double Trend,
    double YearlyAmplitude,
    double YearlyPhase,
    double WeatherBeta,
    double Shape);
