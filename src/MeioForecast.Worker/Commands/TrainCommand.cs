using System.CommandLine;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Trained;
using MeioForecast.Pipeline;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Models;
using MeioForecast.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// <c>meio train --input DIR --models DIR|URI [--approve] [--id-file FILE] [--Forecasting:Stage:...=value]</c>: trains the
/// planning run's forecasting stage on the input, backtests it, and registers it as models/&lt;model-id&gt;/.
/// </summary>
internal static partial class TrainCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Input folder (docs/input-format.md).", Required = true };
        var models = new Option<string?>("--models") { Description = "Model registry: a local folder, blob://container/prefix or an https blob URI (default: the Forecasting:Models setting)." };
        var approve = new Option<bool>("--approve") { Description = "Approve the new model at once (runs with Forecasting:Model=latest use the newest approved model)." };
        var idFile = new Option<string?>("--id-file") { Description = "Also write the new model id to this file (for pipelines)." };
        var command = new Command("train", "Train the forecasting stage (global GBDT + SSA + conformal calibration) on an input folder, backtest it and register it in the model registry.")
        {
            input, models, approve, idFile,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                var configuration = MeioConfiguration.Build(parse.UnmatchedTokens);
                var registry = await ModelStoreOptions.OpenAsync(parse.GetValue(models), configuration, cancellationToken).ConfigureAwait(false)
                    ?? throw new ConfigurationException($"meio train needs a model registry: --models DIR|URI or {ModelStoreOptions.ModelsKey}.");
                var options = PlanningServices.Stage(configuration);
                using var services = CliHost.BuildServices();
                var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("MeioForecast.Worker.Train");
                var folder = parse.GetValue(input)!;
                var planning = PlanningInputLoader.Load(folder);
                var fingerprint = PlanningInputLoader.Fingerprint(folder);
                var data = ForecastTrainingData.Of(planning.Settings, planning.Demand, planning.Signals);
                var progress = new TrainingProgress(Console.Error, logger);
                LogStep(logger, "training the stage", data.Series.Count);
                var (stage, _) = TrainedStage.Train(data, options, progress);
                LogStep(logger, $"backtesting the stage ({options.BacktestOrigins} origin(s))", data.Series.Count);
                var backtest = StageBacktest.Run(data, options, progress);
                var metrics = ModelMetrics.From(backtest, options.BacktestOrigins, options.Selection.HorizonFor(data.Period));
                var manifest = await registry.RegisterAsync(stage, new ModelRegistration(DateTimeOffset.UtcNow, fingerprint, PlanningJob.SoftwareVersion, metrics), cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(approve))
                {
                    await registry.ApproveAsync(manifest.ModelId, DateTimeOffset.UtcNow, "approved at training (--approve)", cancellationToken).ConfigureAwait(false);
                }

                if (parse.GetValue(idFile) is { } file)
                {
                    await File.WriteAllTextAsync(file, manifest.ModelId + "\n", cancellationToken).ConfigureAwait(false);
                }

                Console.Out.WriteLine($"model {manifest.ModelId}{(parse.GetValue(approve) ? " (approved)" : string.Empty)}: {registry.Description}/{manifest.ModelId}");
                var registered = await registry.TryGetAsync(manifest.ModelId, cancellationToken).ConfigureAwait(false) ?? new RegisteredModel(manifest, null);
                Console.Out.Write(ModelsTable.Compare([registered]));
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "meio train: {Step}, {Series} series")]
    private static partial void LogStep(ILogger logger, string step, int series);
}
