namespace MeioForecast.Datasets.SampleData;

/// <summary>
/// Seeded draws for the sample generator: uniform (System.Random with a seed is stable across .NET versions), normal
/// (Box-Muller), gamma (Marsaglia &amp; Tsang 2000, ACM TOMS 26(3)), Poisson (Knuth's product method, on pieces of
/// rate &lt;= 20 so exp(-rate) never underflows) and negative binomial as a gamma-Poisson mixture.
/// </summary>
internal sealed class SampleRandom(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    public int Integer(int low, int highExclusive) => _random.Next(low, highExclusive);

    public double Normal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Gamma(double shape, double scale)
    {
        if (shape < 1.0)
        {
            return Gamma(shape + 1.0, scale) * Math.Pow(Uniform(), 1.0 / shape);
        }

        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1.0 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = Uniform();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1.0 - v + Math.Log(v)))
            {
                return d * v * scale;
            }
        }
    }

    public int Poisson(double rate)
    {
        var count = 0;
        while (rate > 0)
        {
            var piece = Math.Min(rate, 20.0);
            rate -= piece;
            var limit = Math.Exp(-piece);
            var product = Uniform();
            while (product > limit)
            {
                count++;
                product *= Uniform();
            }
        }

        return count;
    }

    /// <summary>Negative binomial with mean <paramref name="mean"/> and shape <paramref name="shape"/> (variance mean + mean^2/shape).</summary>
    public int NegativeBinomial(double mean, double shape) => mean <= 0 ? 0 : Poisson(Gamma(shape, mean / shape));
}
