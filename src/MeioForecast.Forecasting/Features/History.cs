namespace MeioForecast.Forecasting.Features;

/// <summary>
/// Read access to a demand history that stops at the forecast origin: reading a later period throws, so a feature can
/// never leak the future. Windows are clipped to the start of the series. A NaN is a period that was no demand
/// observation (a closed shop, a week without a record): statistics are taken over the observed periods of a window
/// (NaN when it has none), as a missing value rather than a zero.
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
        double sum = 0;
        var n = 0;
        for (var i = from; i <= to; i++)
        {
            var v = At(i);
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        return n > 0 ? sum / n : double.NaN;
    }

    public double StandardDeviation(int from, int to)
    {
        from = Math.Max(0, from);
        var mean = Mean(from, to);
        double sum = 0;
        var n = 0;
        for (var i = from; i <= to; i++)
        {
            var v = At(i);
            if (!double.IsNaN(v))
            {
                sum += (v - mean) * (v - mean);
                n++;
            }
        }

        return n < 2 ? double.NaN : Math.Sqrt(sum / (n - 1));
    }

    /// <summary>Exponentially weighted mean up to the origin, started at the first observed value; missing periods leave it unchanged.</summary>
    public double Ewm(double alpha)
    {
        var level = double.NaN;
        for (var i = 0; i <= origin; i++)
        {
            var v = At(i);
            if (double.IsNaN(v))
            {
                continue;
            }

            level = double.IsNaN(level) ? v : level + (alpha * (v - level));
        }

        return level;
    }

    public double ZeroShare(int from, int to)
    {
        from = Math.Max(0, from);
        var zeros = 0;
        var n = 0;
        for (var i = from; i <= to; i++)
        {
            var v = At(i);
            if (!double.IsNaN(v))
            {
                n++;
                if (v == 0)
                {
                    zeros++;
                }
            }
        }

        return n > 0 ? zeros / (double)n : double.NaN;
    }

    /// <summary>Periods back from the origin to the latest observed non-zero demand (missing periods count as time passing), at most <paramref name="cap"/>.</summary>
    public double SinceNonZero(int cap)
    {
        for (var d = 0; d <= Math.Min(cap, origin); d++)
        {
            var v = At(origin - d);
            if (v != 0 && !double.IsNaN(v))
            {
                return d;
            }
        }

        return cap;
    }
}
