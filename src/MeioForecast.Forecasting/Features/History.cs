namespace MeioForecast.Forecasting.Features;

/// <summary>
/// Read access to a demand history that stops at the forecast origin: reading a later period throws, so a feature can
/// never leak the future. Windows are clipped to the start of the series.
/// </summary>
internal readonly struct History(IReadOnlyList<double> values, int origin)
{
    public double At(int index)
    {
        if (index > origin)
        {
            throw new InvalidOperationException($"Feature leakage: period {index} read at origin {origin}.");
        }

        return values[index];
    }

    /// <summary>The value at <paramref name="index"/>, or NaN before the start of the series.</summary>
    public double AtOrNaN(int index) => index < 0 ? double.NaN : At(index);

    public double Mean(int from, int to)
    {
        from = Math.Max(0, from);
        if (to < from)
        {
            return double.NaN;
        }

        double sum = 0;
        for (var i = from; i <= to; i++)
        {
            sum += At(i);
        }

        return sum / (to - from + 1);
    }

    public double StandardDeviation(int from, int to)
    {
        from = Math.Max(0, from);
        var n = to - from + 1;
        if (n < 2)
        {
            return double.NaN;
        }

        var mean = Mean(from, to);
        double sum = 0;
        for (var i = from; i <= to; i++)
        {
            var d = At(i) - mean;
            sum += d * d;
        }

        return Math.Sqrt(sum / (n - 1));
    }

    /// <summary>Exponentially weighted mean up to the origin, started at the first value.</summary>
    public double Ewm(double alpha)
    {
        var level = At(0);
        for (var i = 1; i <= origin; i++)
        {
            level += alpha * (At(i) - level);
        }

        return level;
    }

    public double ZeroShare(int from, int to)
    {
        from = Math.Max(0, from);
        var zeros = 0;
        for (var i = from; i <= to; i++)
        {
            if (At(i) == 0)
            {
                zeros++;
            }
        }

        return zeros / (double)(to - from + 1);
    }

    public double SinceNonZero(int cap)
    {
        for (var d = 0; d <= Math.Min(cap, origin); d++)
        {
            if (At(origin - d) != 0)
            {
                return d;
            }
        }

        return cap;
    }
}
