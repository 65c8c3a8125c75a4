namespace MeioForecast.Optimization.Gsm;

/// <summary>
/// One stage in the research benchmark format (the columns of the Willems 2008 data set, MSOM 10(1):19-23), before the
/// modelling choices of <see cref="ReferenceConvention"/> turn it into a <see cref="GsmStage"/>.
/// </summary>
/// <param name="Id">stageName.</param>
/// <param name="StageCost">stageCost: cost added at this stage, per unit.</param>
/// <param name="StageTime">stageTime: mean processing time, periods (may be fractional).</param>
/// <param name="AverageDemand">avgDemand per period on a demand stage, else null.</param>
/// <param name="DemandStandardDeviation">stDevDemand per period on a demand stage, else null.</param>
/// <param name="ServiceLevel">serviceLevel of a demand stage (z = Phi^-1 of it), else null.</param>
/// <param name="MaxServiceTime">maxServiceTime s_j of a demand stage; null = no limit.</param>
public sealed record ReferenceStage(
    string Id,
    double StageCost,
    double StageTime,
    double? AverageDemand = null,
    double? DemandStandardDeviation = null,
    double? ServiceLevel = null,
    int? MaxServiceTime = null)
{
    /// <summary>True when external demand arrives here (avgDemand or stDevDemand given).</summary>
    public bool IsDemandStage => AverageDemand is not null || DemandStandardDeviation is not null;
}
