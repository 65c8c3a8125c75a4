namespace MeioForecast.Storage.Models;

/// <summary>What the registry records about a trained stage besides its files.</summary>
/// <param name="CreatedUtc">Registration time (the model id's prefix).</param>
/// <param name="TrainingFingerprint">SHA-256 over the training input files.</param>
/// <param name="SoftwareVersion">MeioForecast version.</param>
/// <param name="Metrics">Backtest accuracy.</param>
public sealed record ModelRegistration(DateTimeOffset CreatedUtc, string TrainingFingerprint, string SoftwareVersion, ModelMetrics Metrics);
