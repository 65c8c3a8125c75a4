using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting.Ssa;

/// <summary>What <see cref="SsaForecaster"/> fitted for one sku-node (diagnostics, written next to forecasts).</summary>
/// <param name="Key">The sku-node.</param>
/// <param name="Method">"ssa", or the fallback that served it ("ssa-fallback-short", "ssa-fallback-intermittent").</param>
/// <param name="WindowLength">L (0 for a fallback).</param>
/// <param name="Rank">r (0 for a fallback).</param>
/// <param name="ExplainedShare">Share of sum(lambda) in the leading r eigentriples (0 for a fallback).</param>
/// <param name="Signals">Signals with a regression coefficient.</param>
/// <param name="SeasonalLag">Lag m of the decomposed seasonal difference, 0 when the series itself was decomposed.</param>
/// <param name="ValidationError">Mean absolute error of the held-out rolling-origin forecasts (NaN for a fallback).</param>
public sealed record SsaSeriesSummary(SkuNode Key, string Method, int WindowLength, int Rank, double ExplainedShare, IReadOnlyList<string> Signals, int SeasonalLag, double ValidationError);
