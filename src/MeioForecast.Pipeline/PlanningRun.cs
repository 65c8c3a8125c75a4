using MeioForecast.Core.Planning;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Global;
using MeioForecast.Core.Keys;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Explanation.Inputs;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Simulation.Network;
using Microsoft.Extensions.Logging;

namespace MeioForecast.Pipeline;

/// <summary>
/// The planning run: forecast every sku-node with demand history, aggregate demand up each sku's network, and place
/// stock; then, when a <see cref="ServiceCalibrator"/> is given, calibrate the targets by simulation and compare with
/// single-echelon placement. Pure orchestration: reading inputs and writing outputs are the caller's (the storage adapters').
/// </summary>
public sealed partial class PlanningRun(
    IForecaster forecaster, IStockPlacement placement, ILogger<PlanningRun> logger, ServiceCalibrator? serviceCheck = null, PlacementOptions? placementOptions = null)
{
    private readonly PlacementOptions _placement = Validated(placementOptions ?? new PlacementOptions());

    /// <summary>
    /// The value function of the explanations: places (and, when this run calibrates, calibrates) one sku from given
    /// inputs exactly as <see cref="Execute"/> does.
    /// </summary>
    public SkuReplanner Replanner => new(placement, serviceCheck is { Options.Enabled: true } ? serviceCheck : null, _placement.DemandBound);

    /// <summary>Runs the plan for <paramref name="input"/>; <paramref name="forecasterOverride"/> (e.g. a registered model) replaces the configured forecaster.</summary>
    public PlanningResult Execute(PlanningInput input, IProgress<RunProgress>? progress, CancellationToken cancellationToken, IForecaster? forecasterOverride = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var chosen = forecasterOverride ?? forecaster;
        var settings = input.Settings;
        progress?.Report(new RunProgress("forecast", 0, input.Demand.Count));
        LogForecasting(logger, input.Demand.Count, chosen.Name, settings.Horizon);
        var model = chosen.Fit(ForecastTrainingData.Of(settings, input.Demand, input.Signals));
        cancellationToken.ThrowIfCancellationRequested();
        var request = new ForecastRequest(settings.Horizon, settings.QuantileLevels, input.Signals);
        var forecasts = model.Predict(request);
        progress?.Report(new RunProgress("forecast", input.Demand.Count, input.Demand.Count));
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(new RunProgress("placement", 0, input.SkuNodes.Count));
        var plan = NetworkPlan.Build(input);
        var demand = NodeDemand.Build(plan, forecasts, _placement.DemandBound);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var targets = placement.Place(plan, demand, cancellationToken);
        progress?.Report(new RunProgress("placement", input.SkuNodes.Count, input.SkuNodes.Count));
        LogPlaced(logger, targets.Count, placement.Name, targets.Sum(t => t.SafetyStock), targets.Sum(t => t.HoldingCost));
        LogPlacementTime(logger, _placement.DemandBound.ToString().ToLowerInvariant(), clock.Elapsed.TotalSeconds);
        var replay = serviceCheck is { Options.Enabled: true, Options.Draws: DemandDraws.Replay }
            ? ReplayedErrors(model, chosen, ForecastTrainingData.Of(settings, input.Demand, input.Signals), settings)
            : null;
        var service = CheckService(input, plan, demand, forecasts, replay, progress, cancellationToken);
        var final = service?.Primary.Targets ?? targets;
        var optimality = PlacementOptimality.Of(final);
        LogOptimality(logger, placement.Name, optimality.SkuNetworks, optimality.SkuNetworks - optimality.Unproven, optimality.WorstGap);
        var drivers = NodeDriversBuilder.Build(plan, demand, final);
        cancellationToken.ThrowIfCancellationRequested();
        var shap = ForecastContributions.Compute(model, request, ForecastFeatureGroups.Of);
        var single = service?.SingleEchelon?.Targets ?? new SingleEchelonPlacement().Place(plan, demand, cancellationToken);
        return new PlanningResult(forecasts, final, placement.Name)
        {
            Service = service,
            Replay = replay,
            Drivers = drivers,
            Inputs = RunInputs.From(plan, forecasts),
            SingleEchelon = single.ToDictionary(t => new SkuNode(t.Sku, t.Location)),
            ForecastContributions = ForecastContributionsBuilder.Build(input, plan, forecasts, shap, drivers),
        };
    }

    /// <summary>
    /// The replay members of <see cref="DemandDraws.Replay"/>: the forecaster's own backtest outcomes when its model kept
    /// them (the forecasting stage), else a rolling-origin backtest of the forecaster with
    /// <see cref="ServiceCheckOptions.ReplayOrigins"/> origins one horizon apart. A backtested model without outcomes (a
    /// registered stage with fixed weights and calibration, whose fits saw the whole history) is not refitted on cut
    /// histories: its nodes draw independently.
    /// </summary>
    private IReadOnlyDictionary<SkuNode, ReplayMember> ReplayedErrors(IForecastModel model, IForecaster chosen, ForecastTrainingData data, PlanningSettings settings)
    {
        var options = serviceCheck!.Options;
        IReadOnlyList<ForecastOutcome> outcomes;
        string source;
        if (model is IBacktestedModel backtested)
        {
            outcomes = backtested.HeldOut;
            source = "the stage's selection backtest";
        }
        else
        {
            var backtest = new BacktestOptions { Origins = options.ReplayOrigins, Horizon = settings.Horizon, Levels = settings.QuantileLevels, Seed = settings.Seed };
            outcomes = RollingOriginBacktester.Run(chosen, data, backtest).Outcomes;
            source = $"a {options.ReplayOrigins}-origin backtest of {chosen.Name}";
        }

        var replay = ErrorReplay.Build(outcomes, options.Pool, options.BlockLength);
        LogReplay(logger, replay.Count, outcomes.Select(o => o.Origin).DefaultIfEmpty(-1).Max() + 1, outcomes.Count == 0 ? 0 : outcomes[0].Actuals.Length, source, options.Pool.ToString().ToLowerInvariant());
        return replay;
    }

    private ServiceReport? CheckService(PlanningInput input, NetworkPlan plan, NodeDemand demand, IReadOnlyList<SeriesForecast> forecasts, IReadOnlyDictionary<SkuNode, ReplayMember>? replay, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        if (serviceCheck is not { Options.Enabled: true })
        {
            return null;
        }

        progress?.Report(new RunProgress("service-check", 0, input.SkuNodes.Count));
        var options = serviceCheck.Options;
        var primary = serviceCheck.Calibrate(plan, demand, forecasts, placement, cancellationToken, replay);
        var single = options.CompareSingleEchelon && placement is not SingleEchelonPlacement
            ? serviceCheck.Calibrate(plan, demand, forecasts, new SingleEchelonPlacement(), cancellationToken, replay)
            : null;
        progress?.Report(new RunProgress("service-check", input.SkuNodes.Count, input.SkuNodes.Count));
        var report = ServiceReport.Create(serviceCheck.Options, primary, single, input);
        foreach (var line in report.SummaryLines())
        {
            LogService(logger, line);
        }

        return report;
    }

    private static PlacementOptions Validated(PlacementOptions options)
    {
        options.Validate();
        return options;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Placement with the {Bound} demand bound took {Seconds:F2} s")]
    private static partial void LogPlacementTime(ILogger logger, string bound, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Optimality ({Method}): {Proven} of {SkuNetworks} sku networks proven optimal, worst relative gap {Gap:G3}")]
    private static partial void LogOptimality(ILogger logger, string method, int skuNetworks, int proven, double gap);

    [LoggerMessage(Level = LogLevel.Information, Message = "Service check replays the out-of-sample errors of {Nodes} sku-nodes ({Origins} origins x {Steps} steps, from {Source}, pooled by {Pool})")]
    private static partial void LogReplay(ILogger logger, int nodes, int origins, int steps, string source, string pool);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogService(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forecasting {Series} series with {Method}, horizon {Horizon}")]
    private static partial void LogForecasting(ILogger logger, int series, string method, int horizon);

    [LoggerMessage(Level = LogLevel.Information, Message = "Placed {Nodes} sku-nodes with {Method}: total safety stock {SafetyStock:F1} units, holding cost {Cost:F2}/year")]
    private static partial void LogPlaced(ILogger logger, int nodes, string method, double safetyStock, double cost);
}
