namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>Simulated service of one sku-node under calibrated targets.</summary>
/// <param name="Sku">Sku id.</param>
/// <param name="Location">Location id.</param>
/// <param name="CustomerFacing">True when the node serves customers only (no outbound lane): the nodes calibrated.</param>
/// <param name="TargetServiceLevel">The cycle service target of the input.</param>
/// <param name="CalibratedServiceLevel">The service level used in the demand bound after calibration (above the target = raised, below = lowered).</param>
/// <param name="AchievedService">Simulated cycle service level (fraction of periods with every due claim shipped from stock).</param>
/// <param name="StandardError">Standard error of <paramref name="AchievedService"/> across replications.</param>
/// <param name="ExpeditedUnitsPerPeriod">Units the node expedited per period (the GSM's extraordinary measure).</param>
public sealed record NodeService(
    string Sku,
    string Location,
    bool CustomerFacing,
    double TargetServiceLevel,
    double CalibratedServiceLevel,
    double AchievedService,
    double StandardError,
    double ExpeditedUnitsPerPeriod);
