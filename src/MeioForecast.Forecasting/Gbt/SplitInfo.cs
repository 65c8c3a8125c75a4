namespace MeioForecast.Forecasting.Gbt;

/// <summary>The best split found for a leaf: feature, bin threshold or left category bins, and child sums.</summary>
internal struct SplitInfo
{
    /// <summary>Gain over the unsplit leaf; <see cref="double.NegativeInfinity"/> when no valid split exists.</summary>
    public double Gain;

    /// <summary>Split feature, -1 when none.</summary>
    public int Feature;

    /// <summary>Numeric: rows with bin &lt;= threshold go left.</summary>
    public int ThresholdBin;

    /// <summary>Numeric: missing values go left.</summary>
    public bool DefaultLeft;

    /// <summary>True for a categorical split.</summary>
    public bool IsCategorical;

    /// <summary>Categorical: bitset of the category bins sent left (256 bins).</summary>
    public ulong Cat0;

    /// <summary>Bits 64..127 of the left category bins.</summary>
    public ulong Cat1;

    /// <summary>Bits 128..191 of the left category bins.</summary>
    public ulong Cat2;

    /// <summary>Bits 192..255 of the left category bins.</summary>
    public ulong Cat3;

    /// <summary>Left child sums.</summary>
    public double LeftG;

    /// <summary>Left child hessian sum.</summary>
    public double LeftH;

    /// <summary>Left child rows.</summary>
    public int LeftCount;

    /// <summary>Right child sums.</summary>
    public double RightG;

    /// <summary>Right child hessian sum.</summary>
    public double RightH;

    /// <summary>Right child rows.</summary>
    public int RightCount;

    /// <summary>An invalid split.</summary>
    public static SplitInfo None => new() { Gain = double.NegativeInfinity, Feature = -1 };

    /// <summary>True when the split is usable.</summary>
    public readonly bool IsValid => Feature >= 0 && Gain > 0;

    /// <summary>True when category bin <paramref name="bin"/> goes left.</summary>
    public readonly bool CatLeft(int bin) => ((bin >> 6) switch
    {
        0 => Cat0,
        1 => Cat1,
        2 => Cat2,
        _ => Cat3,
    } & (1UL << (bin & 63))) != 0;

    /// <summary>Sends category bin <paramref name="bin"/> left.</summary>
    public void SetCatLeft(int bin)
    {
        var bit = 1UL << (bin & 63);
        switch (bin >> 6)
        {
            case 0: Cat0 |= bit; break;
            case 1: Cat1 |= bit; break;
            case 2: Cat2 |= bit; break;
            default: Cat3 |= bit; break;
        }
    }
}
