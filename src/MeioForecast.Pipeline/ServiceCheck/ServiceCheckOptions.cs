using MeioForecast.Simulation.Options;

namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>Options of the service check: simulation size and the calibration loop.</summary>
public sealed record ServiceCheckOptions
{
    /// <summary>Run the check (simulate, calibrate, compare with single-echelon) after placement. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>R, independent replications per simulation. Default 64 (two blocks of 32 lanes); &gt;= 2.</summary>
    public int Replications { get; init; } = 64;

    /// <summary>
    /// Measured periods per replication, after the warm-up. Default 1092 (39 cycles of a 28-period horizon, 3 years of
    /// days): few long replications spend less on warm-ups than many short ones for the same standard error. &gt;= 1.
    /// </summary>
    public int Periods { get; init; } = 1092;

    /// <summary>
    /// A customer-facing node is recalibrated when its simulated cycle service is below target minus this tolerance.
    /// Default 0.005 (0.5 percentage points); in [0, 0.1].
    /// </summary>
    public double Tolerance { get; init; } = 0.005;

    /// <summary>Upper bound of a calibrated service level. Default 0.9999; in (0, 1).</summary>
    public double MaxServiceLevel { get; init; } = 0.9999;

    /// <summary>Re-optimize/re-simulate rounds per sku (the first round is the uncalibrated one). Default 10; &gt;= 1.</summary>
    public int MaxRounds { get; init; } = 10;

    /// <summary>
    /// What an upstream shortage does in the simulation. Default <see cref="ShortfallPolicy.Backorder"/>: it delays the
    /// downstream replenishment (no extraordinary measure, the fair basis for MEIO vs SEIO);
    /// <see cref="ShortfallPolicy.Expedite"/> is the Guaranteed Service Model's assumption (expedited units counted).
    /// </summary>
    public ShortfallPolicy Shortfall { get; init; } = ShortfallPolicy.Backorder;

    /// <summary>
    /// Also lower the service level of a customer-facing node whose simulated service is above target plus the
    /// tolerance (least holding cost at the target). Default true; false = levels only go up.
    /// </summary>
    public bool Downward { get; init; } = true;

    /// <summary>Lower bound of a calibrated service level when lowering. Default 0.5; in (0, <see cref="MaxServiceLevel"/>).</summary>
    public double MinServiceLevel { get; init; } = 0.5;

    /// <summary>
    /// Bisection stops when the levels that missed and met are closer than this on the normal scale
    /// (Phi^-1(p) units). Default 0.05; in (0, 1].
    /// </summary>
    public double BracketWidth { get; init; } = 0.05;

    /// <summary>
    /// How demand is drawn from the forecast distributions: <see cref="DemandDraws.Independent"/> per period, or
    /// <see cref="DemandDraws.Replay"/> (period uniforms replayed from the forecaster's out-of-sample backtest PIT
    /// paths, <see cref="ErrorReplay"/>). Default independent: on held-out sample demand Replay held closer to target
    /// only with four daily backtest origins (the stage's default is one, whose in-sample errors it then overfits), and it
    /// leaves some store nodes below target after <see cref="MaxRounds"/> (docs/holdout.md).
    /// </summary>
    public DemandDraws Draws { get; init; } = DemandDraws.Independent;

    /// <summary>Whose paths a node replays under <see cref="DemandDraws.Replay"/>. Default <see cref="ReplayPool.Sku"/>.</summary>
    public ReplayPool Pool { get; init; } = ReplayPool.Sku;

    /// <summary>
    /// Rolling origins of the backtest run for <see cref="DemandDraws.Replay"/> when the forecaster keeps none of its own
    /// (per-series forecasters such as the baseline; the forecasting stage exposes its selection backtest). Default 4; &gt;= 1.
    /// </summary>
    public int ReplayOrigins { get; init; } = 4;

    /// <summary>Block length b of <see cref="DemandDraws.Replay"/>, periods; null (default) = the backtest horizon H; &gt;= 1.</summary>
    public int? BlockLength { get; init; }

    /// <summary>Also calibrate and simulate single-echelon targets for the MEIO vs SEIO comparison. Default true.</summary>
    public bool CompareSingleEchelon { get; init; } = true;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option violates its documented constraint.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Replications, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(Periods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplayOrigins, 1);
        if (!Enum.IsDefined(Pool))
        {
            throw new ArgumentOutOfRangeException(nameof(Pool), Pool, "Unknown replay pool.");
        }

        if (BlockLength is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockLength), BlockLength, "The block length must be at least 1 period.");
        }

        if (!Enum.IsDefined(Draws))
        {
            throw new ArgumentOutOfRangeException(nameof(Draws), Draws, "Unknown demand draws.");
        }

        if (!(Tolerance >= 0.0 && Tolerance <= 0.1))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be in [0, 0.1].");
        }

        if (!(MaxServiceLevel > 0.0 && MaxServiceLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxServiceLevel), MaxServiceLevel, "The maximum service level must be in (0, 1).");
        }

        if (!(MinServiceLevel > 0.0 && MinServiceLevel < MaxServiceLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(MinServiceLevel), MinServiceLevel, "The minimum service level must be in (0, MaxServiceLevel).");
        }

        if (!(BracketWidth > 0.0 && BracketWidth <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(BracketWidth), BracketWidth, "The bracket width must be in (0, 1].");
        }

        if (!Enum.IsDefined(Shortfall))
        {
            throw new ArgumentOutOfRangeException(nameof(Shortfall), Shortfall, "Unknown shortfall policy.");
        }
    }
}
