namespace MeioForecast.Core.Network;

/// <summary>One outcome of a discrete lead-time distribution.</summary>
/// <param name="Periods">The lead time in periods.</param>
/// <param name="Probability">Its probability.</param>
public readonly record struct LeadTimeOutcome(double Periods, double Probability);
