using MeioForecast.Explainability.Drivers;

namespace MeioForecast.Explainability.Drilldown;

/// <summary>One row of explanation_details.csv: a detail's share of a demand driver's safety-stock contribution.</summary>
/// <param name="Driver">The demand driver (<see cref="BufferDriver.DemandLevel"/> or <see cref="BufferDriver.DemandUncertainty"/>).</param>
/// <param name="Detail">The detail, e.g. <c>promotion week 2026-W48</c>.</param>
/// <param name="Contribution">Its share, safety-stock units.</param>
public sealed record ExplanationDetail(BufferDriver Driver, string Detail, double Contribution);
