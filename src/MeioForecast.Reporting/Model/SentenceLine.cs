namespace MeioForecast.Reporting.Model;

/// <summary>The planner sentence of one sku-node (explanation_summary.csv).</summary>
/// <param name="Sku">Sku id.</param>
/// <param name="Location">Location id.</param>
/// <param name="Sentence">The sentence, e.g. "Safety stock at DC-EAST for SKU SKU-006 fell 398 units (-100%): ...".</param>
public sealed record SentenceLine(string Sku, string Location, string Sentence);
