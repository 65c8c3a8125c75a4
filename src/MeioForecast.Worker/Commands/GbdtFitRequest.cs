using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Worker.Commands;

/// <summary>Inputs of <c>meio gbdt fit</c>.</summary>
/// <param name="Data">Training CSV path.</param>
/// <param name="Label">Label column.</param>
/// <param name="Model">Output model path.</param>
/// <param name="Weight">Optional weight column.</param>
/// <param name="Ignore">Columns that are not features.</param>
/// <param name="Valid">Optional validation CSV.</param>
/// <param name="Options">Trainer options (categorical columns by name included).</param>
internal sealed record GbdtFitRequest(
    string Data, string Label, string Model, string? Weight, IReadOnlyList<string> Ignore, string? Valid, GbdtOptions Options);
