using MeioForecast.Core.Network;

namespace MeioForecast.Simulation.Network;

/// <summary>
/// One stage j of the simulated network with its base-stock policy and, optionally, the Guaranteed Service Model's
/// decisions (Graves &amp; Willems 2000, MSOM 2(1):68-83). An order stage j places in period t is released to its
/// process at t + SI_j (or later, when an upstream stage ships late), travels the inbound lane (lead time L_j, drawn per
/// order) and is processed for T_j periods, so it is available at t + SI_j + L_j + T_j. The GSM's processing time
/// corresponds to <see cref="ProcessingTime"/> + E[L_j]; with S_j quoted, the base stock covers demand over the net
/// replenishment time tau_j = SI_j + T_j + L_j - S_j.
/// </summary>
public sealed record SimulationStage
{
    /// <summary>Stage id, unique in the network (e.g. "sku|location").</summary>
    public required string Id { get; init; }

    /// <summary>Upstream stages and quantities per unit; empty for a source stage supplied by an external supplier.</summary>
    public IReadOnlyList<StageSupply> Upstream { get; init; } = [];

    /// <summary>T_j, the stage's own processing time in periods (&gt;= 0), excluding the inbound lane. Default 0.</summary>
    public int ProcessingTime { get; init; }

    /// <summary>The inbound lane's lead time L_j in periods (deterministic or stochastic); null = 0.</summary>
    public LeadTime? InboundLeadTime { get; init; }

    /// <summary>B_j, the base stock (order-up-to level of the inventory position), units of j (&gt;= 0).</summary>
    public required double BaseStock { get; init; }

    /// <summary>S_j, the outbound service time: demand of period t is due at t + S_j. Periods, &gt;= 0, default 0.</summary>
    public int OutboundServiceTime { get; init; }

    /// <summary>
    /// SI_j, the inbound service time: the stage starts an order SI_j periods after placing it. Periods; null = max S_i
    /// over its upstream stages (0 for a source stage, whose external supplier then ships immediately). When given for a
    /// stage with upstream stages it must be &gt;= every upstream S_i (the GSM constraint SI_j &gt;= S_i).
    /// </summary>
    public int? InboundServiceTime { get; init; }

    /// <summary>External (customer) demand at this stage; null for a purely internal stage.</summary>
    public CustomerDemand? CustomerDemand { get; init; }
}
