using MeioForecast.Simulation.Options;

namespace MeioForecast.Pipeline.Holdout;

/// <summary>Options of the held-out check (backtest of the whole policy, <see cref="PolicyHoldout"/>).</summary>
public sealed record HoldoutOptions
{
    /// <summary>The forecast origin: targets are computed from demand up to and including this date. Required.</summary>
    public required DateOnly Origin { get; init; }

    /// <summary>
    /// N, the periods after the origin whose actual demand is replayed; null (default) = the settings' horizon.
    /// Constraint: &gt;= 1, and the input's history must reach origin + N.
    /// </summary>
    public int? Periods { get; init; }

    /// <summary>
    /// Replications of the replay: every replication sees the same actual demand, only stochastic lead times differ.
    /// Default 32 (one block); &gt;= 2.
    /// </summary>
    public int Replications { get; init; } = 32;

    /// <summary>What an upstream shortage does in the replay; default backorder (no extraordinary measure).</summary>
    public ShortfallPolicy Shortfall { get; init; } = ShortfallPolicy.Backorder;

    /// <summary>The warm-up demand before the measured periods. Default <see cref="HoldoutWarmUp.History"/>.</summary>
    public HoldoutWarmUp WarmUp { get; init; } = HoldoutWarmUp.History;

    /// <summary>
    /// Simulated windows of the window band (<see cref="HoldoutWindowBand"/>): the service check's demand model run over
    /// one window of the same N periods from the replay's warm-up. Default 1000; 0 = no band; otherwise &gt;= 20.
    /// </summary>
    public int BandReplications { get; init; } = 1000;

    /// <summary>
    /// Under replayed errors, also simulate a second window band in which every sku replays the same backtest dates (a
    /// shock the backtest saw across skus at a date kept: <see cref="Simulation.Options.SimulationOptions.BlockSeed"/>;
    /// <see cref="HoldoutWindowBand.SimulateSharedDates"/>) beside the service check's model (each sku its own dates).
    /// Default false.
    /// </summary>
    public bool BandSharedDates { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option violates its documented constraint.</exception>
    public void Validate()
    {
        if (Periods is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Periods), Periods, "At least 1 held-out period is needed.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Replications, 2);
        if (BandReplications != 0 && BandReplications < 20)
        {
            throw new ArgumentOutOfRangeException(nameof(BandReplications), BandReplications, "Use 0 (no window band) or at least 20 windows.");
        }
        if (!Enum.IsDefined(WarmUp))
        {
            throw new ArgumentOutOfRangeException(nameof(WarmUp), WarmUp, "Unknown warm-up.");
        }

        if (!Enum.IsDefined(Shortfall))
        {
            throw new ArgumentOutOfRangeException(nameof(Shortfall), Shortfall, "Unknown shortfall policy.");
        }
    }
}
