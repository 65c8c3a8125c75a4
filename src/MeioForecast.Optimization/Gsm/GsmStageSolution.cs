namespace MeioForecast.Optimization.Gsm;

/// <summary>The optimizer's decision and its consequences at one stage j.</summary>
/// <param name="Id">Stage id.</param>
/// <param name="ServiceTime">S_j, the committed outbound service time, periods.</param>
/// <param name="InboundServiceTime">SI_j, the inbound service time, periods.</param>
/// <param name="NetReplenishmentTime">tau_j = SI_j + T_j - S_j, periods.</param>
/// <param name="BaseStock">D_j(tau_j), units.</param>
/// <param name="SafetyStock">D_j(tau_j) - tau_j * mu_j, units.</param>
/// <param name="HoldingCost">h_j times the safety stock.</param>
public sealed record GsmStageSolution(
    string Id,
    int ServiceTime,
    int InboundServiceTime,
    int NetReplenishmentTime,
    double BaseStock,
    double SafetyStock,
    double HoldingCost);
