using System.Text.Json.Serialization;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Features;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Global;

/// <summary>Options of <see cref="GlobalGbdtForecaster"/>; null means the default for the data's period.</summary>
public sealed record GlobalGbdtOptions
{
    /// <summary>Longest horizon H served, periods. Default null = 28 (daily), 8 (weekly). Range 1..366.</summary>
    public int? Horizon { get; init; }

    /// <summary>The levels trained when neither the options nor the training data name any.</summary>
    public static IReadOnlyList<double> DefaultLevels { get; } = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

    /// <summary>
    /// Quantile levels trained, one GBDT each; requested levels in between are linearly interpolated, outside take the
    /// nearest. Default null = the levels the forecasts will be asked for (<see cref="ForecastTrainingData.Levels"/>: a
    /// level nobody asks for costs a model and changes no forecast), else <see cref="DefaultLevels"/>. Each in (0, 1), distinct.
    /// </summary>
    public IReadOnlyList<double>? Levels { get; init; }

    /// <summary>The levels trained on <paramref name="data"/> (see <see cref="Levels"/>).</summary>
    public IReadOnlyList<double> LevelsFor(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Levels ?? data.Levels?.Select(l => l.Value).ToArray() ?? DefaultLevels;
    }

    /// <summary>Periods between two training origins of a series. Default null = 3 (daily, so that origins visit every weekday), 1 (weekly). Range &gt;= 1.</summary>
    public int? OriginStep { get; init; }

    /// <summary>Most training origins per series, the latest ones. Default null = 40 (daily), 52 (weekly). Range &gt;= 1.</summary>
    public int? MaxOrigins { get; init; }

    /// <summary>
    /// Horizon stride k: an origin with index i (counted back from the latest) contributes the horizons h with
    /// (h + i) mod k = 0, so every horizon is seen across origins at 1/k of the rows. Default null = 4 (daily), 2 (weekly). Range &gt;= 1.
    /// </summary>
    public int? HorizonStride { get; init; }

    /// <summary>Cap on training rows; the origins per series thin out (same span, larger step) to meet it. Default 300000. Range &gt;= 1000.</summary>
    public int MaxTrainingRows { get; init; } = 300_000;

    /// <summary>
    /// Rows whose target falls in the last V periods of the data form the early-stopping validation set (a time-based
    /// split); the trees are fitted on the rows with earlier targets. Default null = the horizon H. Range &gt;= 0 (0 = no
    /// early stopping, all rows train).
    /// </summary>
    public int? ValidationPeriods { get; init; }

    /// <summary>
    /// Row weight = (series scale)^power. The scaled pinball loss weighted by the scale is the pinball loss in units, which
    /// is what volume-weighted metrics (M5 WSPL) reward. Default 1. Range 0..2 (0 = every series equal).
    /// </summary>
    public double ScaleWeightPower { get; init; } = 1.0;

    /// <summary>
    /// After early stopping has chosen each level's tree count on the validation rows, train the level again on all rows
    /// with that count, so that the latest periods shape the forecast too (costs a second fit). Default true.
    /// </summary>
    public bool RefitOnAllRows { get; init; } = true;

    /// <summary>
    /// Known-in-advance 0/1 signal whose 0 says a period is not a demand observation (e.g. <c>open</c> = 0 on a closed
    /// shop's day, <c>observed</c> = 0 on a week without a record): rows whose target period has it at 0 are not trained.
    /// Forecasts are served for every period. Default null = every period is an observation.
    /// </summary>
    public string? AvailabilitySignal { get; init; }

    /// <summary>
    /// Read the history's periods that <see cref="AvailabilitySignal"/> marks 0 as missing in the features (NaN lags,
    /// rolling means, scale and zero share over the observed periods) instead of as zero demand. Default true. A stage
    /// registered before this option existed read them as zero and is served that way (absent = false).
    /// </summary>
    public bool UnavailableAsMissing { get; init; } = true;

    /// <summary>These options with <paramref name="data"/>'s availability signal where they name none.</summary>
    public GlobalGbdtOptions For(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return AvailabilitySignal is null && data.AvailabilitySignal is { } signal ? this with { AvailabilitySignal = signal } : this;
    }

    /// <summary>The signal whose 0 makes a history period missing in the features, or null (every period read as demand).</summary>
    [JsonIgnore]
    public string? MissingHistorySignal => UnavailableAsMissing ? AvailabilitySignal : null;

    /// <summary>Feature options (windows, scale window, EWM constants).</summary>
    public FeatureOptions Features { get; init; } = new();

    /// <summary>
    /// Engine options; objective and alpha are set per level, the seed from the training data. Default: 200 trees at
    /// learning rate 0.12 with early stopping after 20 rounds, 31 leaves, 50 rows per leaf, 63 bins, 80% features per tree.
    /// </summary>
    public GbdtOptions Gbdt { get; init; } = new()
    {
        NumIterations = 200,
        LearningRate = 0.12,
        EarlyStoppingRound = 20,
        NumLeaves = 31,
        MinDataInLeaf = 50,
        MaxBin = 63,
        FeatureFraction = 0.8,
        MinDataPerGroup = 50,
    };

    /// <summary>The horizon for <paramref name="period"/>.</summary>
    public int HorizonFor(PeriodKind period) => Horizon ?? (period == PeriodKind.Day ? 28 : 8);

    /// <summary>The origin step for <paramref name="period"/>.</summary>
    public int OriginStepFor(PeriodKind period) => OriginStep ?? (period == PeriodKind.Day ? 3 : 1);

    /// <summary>The origin cap for <paramref name="period"/>.</summary>
    public int MaxOriginsFor(PeriodKind period) => MaxOrigins ?? (period == PeriodKind.Day ? 40 : 52);

    /// <summary>The horizon stride for <paramref name="period"/>.</summary>
    public int HorizonStrideFor(PeriodKind period) => HorizonStride ?? (period == PeriodKind.Day ? 4 : 2);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (Horizon is < 1 or > 366)
        {
            throw new ArgumentOutOfRangeException(nameof(Horizon), Horizon, "Horizon must be in 1..366.");
        }

        if (Levels is not null && (Levels.Count == 0 || Levels.Any(l => l is <= 0 or >= 1) || Levels.Distinct().Count() != Levels.Count))
        {
            throw new ArgumentOutOfRangeException(nameof(Levels), "Levels must be distinct values in (0, 1).");
        }

        if (OriginStep is < 1 || MaxOrigins is < 1 || HorizonStride is < 1 || ValidationPeriods is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OriginStep), "OriginStep, MaxOrigins and HorizonStride must be >= 1, ValidationPeriods >= 0.");
        }

        if (MaxTrainingRows < 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTrainingRows), MaxTrainingRows, "MaxTrainingRows must be >= 1000.");
        }

        if (ScaleWeightPower is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(ScaleWeightPower), ScaleWeightPower, "ScaleWeightPower must be in 0..2.");
        }

        ArgumentNullException.ThrowIfNull(Features);
        Features.Validate();
        ArgumentNullException.ThrowIfNull(Gbdt);
        Gbdt.Validate();
    }
}
