namespace MeioForecast.Core.Distributions;

/// <summary>
/// shift + scale * X for a base distribution X and scale &gt; 0: quantity-per-unit scaling of downstream demand on an
/// arc, and the variance inflation (stretch about the mean) of correlated lead-time demand.
/// </summary>
public sealed class AffineDistribution : DemandDistribution
{
    /// <summary>Creates <paramref name="shift"/> + <paramref name="scale"/> * <paramref name="baseDistribution"/>; scale must be finite and &gt; 0.</summary>
    public AffineDistribution(DemandDistribution baseDistribution, double scale, double shift = 0.0)
    {
        ArgumentNullException.ThrowIfNull(baseDistribution);
        if (!(scale > 0.0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be finite and positive.");
        }

        if (!double.IsFinite(shift))
        {
            throw new ArgumentOutOfRangeException(nameof(shift), shift, "The shift must be finite.");
        }

        Base = baseDistribution;
        Scale = scale;
        Shift = shift;
    }

    /// <summary>X, the base distribution.</summary>
    public DemandDistribution Base { get; }

    /// <summary>The factor applied to X.</summary>
    public double Scale { get; }

    /// <summary>The constant added after scaling.</summary>
    public double Shift { get; }

    /// <summary>Stretches <paramref name="distribution"/> about its mean so that its standard deviation is multiplied by <paramref name="factor"/>.</summary>
    public static DemandDistribution StretchAboutMean(DemandDistribution distribution, double factor)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return factor == 1.0 ? distribution : new AffineDistribution(distribution, factor, (1.0 - factor) * distribution.Mean);
    }

    /// <inheritdoc />
    public override double Mean => Shift + Scale * Base.Mean;

    /// <inheritdoc />
    public override double Variance => Scale * Scale * Base.Variance;

    /// <inheritdoc />
    public override bool IsIntegerValued =>
        Base.IsIntegerValued && Scale == Math.Floor(Scale) && Shift == Math.Floor(Shift);

    /// <inheritdoc />
    public override double Quantile(double p) => Shift + Scale * Base.Quantile(p);

    /// <inheritdoc />
    public override double Cdf(double x) => Base.Cdf((x - Shift) / Scale);
}
