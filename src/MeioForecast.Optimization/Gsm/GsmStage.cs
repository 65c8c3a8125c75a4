using MeioForecast.Core.Distributions;

namespace MeioForecast.Optimization.Gsm;

/// <summary>
/// One stage j of the Guaranteed Service Model (Graves &amp; Willems 2000, MSOM 2(1):68-83): the GSM inputs only.
/// </summary>
/// <param name="Id">Unique stage id.</param>
/// <param name="ProcessingTime">T_j, whole periods (&gt;= 0).</param>
/// <param name="HoldingCost">h_j, holding cost per unit of safety stock (&gt;= 0), e.g. cumulative unit cost x annual rate.</param>
/// <param name="DemandBound">D_j(tau): the demand bound the base stock of stage j covers; its safety stock D_j(tau) - tau * mu_j is costed.</param>
/// <param name="MaxServiceTime">s_j, the largest outbound service time S_j allowed (customer-facing stages); null = no limit.</param>
/// <param name="ExternalServiceTime">Service time quoted by the external supplier of a stage without upstream stages: its SI_j (default 0).</param>
public sealed record GsmStage(
    string Id,
    int ProcessingTime,
    double HoldingCost,
    DemandBound DemandBound,
    int? MaxServiceTime = null,
    int ExternalServiceTime = 0);
