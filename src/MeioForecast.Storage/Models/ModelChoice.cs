using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Trained;
using MeioForecast.Pipeline.Publishing;

namespace MeioForecast.Storage.Models;

/// <summary>
/// Which model a planning run forecasts with (the <c>Forecasting:Model</c> setting):
/// <list type="bullet">
/// <item><c>train</c>: none, the run trains the stage on its input (the default without a registry).</item>
/// <item><c>latest</c>: the newest approved model that fits the input (<see cref="TrainedStage.Mismatch"/>: same period,
/// long enough horizon, same features, i.e. the same signals); when none fits, the run trains in-run (the reasons are
/// returned for the log).</item>
/// <item>a model id: that model (approved or not); it must be complete and fit the input, else the run fails.</item>
/// </list>
/// </summary>
public sealed class ModelChoice(ModelRegistry registry, string setting) : IForecastModelSource
{
    /// <summary>The setting that trains in the run.</summary>
    public const string Train = "train";

    /// <summary>The setting that picks the newest approved fitting model.</summary>
    public const string Latest = "latest";

    /// <summary>The setting.</summary>
    public string Setting => setting;

    /// <inheritdoc/>
    async Task<ChosenModel> IForecastModelSource.ResolveAsync(PlanningInput input, CancellationToken cancellationToken)
    {
        var (id, stage, notes) = await ResolveAsync(input, cancellationToken).ConfigureAwait(false);
        return new ChosenModel(id, stage?.CreateForecaster(), notes);
    }

    /// <summary>Resolves the setting against <paramref name="input"/>: the model to use (null: train in the run) and notes on models skipped.</summary>
    public async Task<(string? ModelId, TrainedStage? Stage, IReadOnlyList<string> Notes)> ResolveAsync(PlanningInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var notes = new List<string>();
        if (setting == Train)
        {
            return (null, null, notes);
        }

        if (setting != Latest)
        {
            TrainedStage stage;
            try
            {
                stage = await registry.LoadAsync(setting, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                throw new ModelUnavailableException($"Model '{setting}' is not usable: {ex.Message}", ex);
            }

            if (Mismatch(stage, input) is { } reason)
            {
                throw new ModelUnavailableException($"Model '{setting}' does not fit the input: {reason}.");
            }

            return (setting, stage, notes);
        }

        foreach (var model in await registry.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (model.Approval is null)
            {
                continue;
            }

            var id = model.Manifest.ModelId;
            try
            {
                var stage = await registry.LoadAsync(id, cancellationToken).ConfigureAwait(false);
                if (Mismatch(stage, input) is { } reason)
                {
                    notes.Add($"model {id} skipped: {reason}");
                    continue;
                }

                return (id, stage, notes);
            }
            catch (InvalidDataException ex)
            {
                notes.Add($"model {id} skipped: {ex.Message}");
            }
        }

        notes.Add($"no approved model in {registry.Description} fits the input: training in the run");
        return (null, null, notes);
    }

    private static string? Mismatch(TrainedStage stage, PlanningInput input) =>
        stage.Mismatch(input.Settings.Period, input.Demand, input.Signals, input.Settings.Horizon);
}
