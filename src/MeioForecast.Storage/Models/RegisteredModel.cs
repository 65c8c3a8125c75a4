namespace MeioForecast.Storage.Models;

/// <summary>A complete registered model as listed: its manifest and its approval, if any.</summary>
/// <param name="Manifest">The manifest.</param>
/// <param name="Approval">The approval, or null for a candidate.</param>
public sealed record RegisteredModel(ModelManifest Manifest, ModelApproval? Approval)
{
    /// <summary><c>approved</c> or <c>candidate</c>.</summary>
    public string Status => Approval is null ? "candidate" : "approved";
}
