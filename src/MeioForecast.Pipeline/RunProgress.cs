namespace MeioForecast.Pipeline;

/// <summary>A progress report of a planning run.</summary>
/// <param name="Step">The step, e.g. "forecast" or "placement".</param>
/// <param name="Completed">Units of work done in the step.</param>
/// <param name="Total">Units of work in the step.</param>
public sealed record RunProgress(string Step, int Completed, int Total);
