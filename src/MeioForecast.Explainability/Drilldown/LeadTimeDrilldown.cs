namespace MeioForecast.Explainability.Drilldown;

/// <summary>Lead-time demand predicted by a tree model, split into the model's base value and feature-group contributions.</summary>
/// <param name="BaseValue">The model's expected value times the covered periods (weighted), units.</param>
/// <param name="Groups">Contributions per group, largest absolute first.</param>
public sealed record LeadTimeDrilldown(double BaseValue, IReadOnlyList<GroupContribution> Groups)
{
    /// <summary>The predicted lead-time demand: base value plus every contribution (SHAP local accuracy).</summary>
    public double Total => BaseValue + Groups.Sum(g => g.Contribution);
}
