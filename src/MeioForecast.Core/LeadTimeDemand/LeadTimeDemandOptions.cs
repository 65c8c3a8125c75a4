namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>Options of the lead-time demand builders (<see cref="ConvolvedLeadTimeDemand"/>, <see cref="NormalLeadTimeDemand"/>).</summary>
public sealed record LeadTimeDemandOptions
{
    /// <summary>
    /// Target number of grid points for the demand over the longest lead time built (default 4096, at least 16). The
    /// automatic step h is the smallest of 1, 2, 2.5, 5 x 10^k (integer for count data) with 16 standard deviations of
    /// that sum, or the widest single period, fitting in this many points.
    /// </summary>
    public int GridPoints { get; init; } = 4096;

    /// <summary>A fixed grid step in demand units (default null = automatic, see <see cref="GridPoints"/>); &gt; 0 when set.</summary>
    public double? Step { get; init; }

    /// <summary>Per-period probability cut at each tail when a period is put on the grid, lumped into the end point (default 1e-10, in (0, 1e-3]).</summary>
    public double TailMass { get; init; } = 1e-10;

    /// <summary>
    /// Exceedance probability at which the grid is capped (default 1e-6, in (0, 1e-3]): the cap C is an estimate of the
    /// (1 - this) quantile of the longest sum (the larger of mean + 8 sd and, for heavy tails, one period's extreme value
    /// plus the other periods' means: the single-big-jump estimate of subexponential sums). Each period's and each sum's
    /// mass above C is lumped at C. For non-negative demand this leaves P(D(tau) &lt;= x) exact for every x &lt; C and every
    /// tau, so service-level quantiles below 1 - this value are unaffected while heavy tails cannot blow up the grid step.
    /// </summary>
    public double CapProbability { get; init; } = 1e-6;

    /// <summary>Probability trimmed at each end of each convolution result, lumped into the new end point (default 1e-12, in [0, 1e-6]).</summary>
    public double TrimMass { get; init; } = 1e-12;

    /// <summary>
    /// rho_1..rho_K, the forecaster's observed lag-k residual autocorrelations (default empty: independent periods). Used
    /// as Var(sum_t D_t) = sum_t sigma_t^2 + 2 sum_k rho_k sum_t sigma_t sigma_(t+k); each in [-1, 1].
    /// </summary>
    public IReadOnlyList<double> ResidualAutocorrelation { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> on a value outside its documented range.</summary>
    public void Validate()
    {
        if (GridPoints < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(GridPoints), GridPoints, "At least 16 grid points are needed.");
        }

        if (Step is { } step && (!(step > 0.0) || !double.IsFinite(step)))
        {
            throw new ArgumentOutOfRangeException(nameof(Step), step, "A fixed step must be finite and positive.");
        }

        if (!(TailMass > 0.0 && TailMass <= 1e-3))
        {
            throw new ArgumentOutOfRangeException(nameof(TailMass), TailMass, "The tail mass must lie in (0, 1e-3].");
        }

        if (!(CapProbability > 0.0 && CapProbability <= 1e-3))
        {
            throw new ArgumentOutOfRangeException(nameof(CapProbability), CapProbability, "The cap probability must lie in (0, 1e-3].");
        }

        if (!(TrimMass >= 0.0 && TrimMass <= 1e-6))
        {
            throw new ArgumentOutOfRangeException(nameof(TrimMass), TrimMass, "The trim mass must lie in [0, 1e-6].");
        }

        if (ResidualAutocorrelation is null || ResidualAutocorrelation.Any(r => !(r >= -1.0 && r <= 1.0)))
        {
            throw new ArgumentOutOfRangeException(nameof(ResidualAutocorrelation), "Autocorrelations must lie in [-1, 1].");
        }
    }
}
