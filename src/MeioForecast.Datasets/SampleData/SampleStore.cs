namespace MeioForecast.Datasets.SampleData;

/// <summary>One generated store: its supplying distribution center, size factor and mean temperature (deg C).</summary>
internal sealed record SampleStore(string Id, string Dc, double Size, double MeanTemperature);
