namespace MeioForecast.Storage.Models;

/// <summary>The approval of a registered model (models/&lt;model-id&gt;/approval.json), written after its manifest.</summary>
/// <param name="ModelId">The approved model.</param>
/// <param name="ApprovedUtc">When it was approved.</param>
/// <param name="Note">Free text (e.g. the gate's verdict), may be empty.</param>
public sealed record ModelApproval(string ModelId, DateTimeOffset ApprovedUtc, string Note);
