namespace MeioForecast.Explainability.Shapley;

/// <summary>Shapley values with the worth of the empty and the grand coalition.</summary>
/// <param name="Values">phi_i per player.</param>
/// <param name="Baseline">v(empty): the previous value.</param>
/// <param name="Total">v(all players): the new value.</param>
public sealed record ShapleyResult(IReadOnlyList<double> Values, double Baseline, double Total)
{
    /// <summary>The change to explain, v(all) - v(empty).</summary>
    public double Change => Total - Baseline;

    /// <summary>Change minus the sum of the values: zero up to rounding (efficiency axiom).</summary>
    public double Residual => Change - Values.Sum();
}
