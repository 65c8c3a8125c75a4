using System.Globalization;

namespace MeioForecast.Core.Keys;

/// <summary>
/// A one-sided quantile probability p in the open interval (0, 1): the currency between forecasters,
/// distributions and the optimizer. Formats as <c>q0.5</c>, the column name used in forecast files.
/// </summary>
public readonly record struct QuantileLevel : IComparable<QuantileLevel>
{
    /// <summary>Creates a level; throws when <paramref name="value"/> is not strictly between 0 and 1.</summary>
    public QuantileLevel(double value)
    {
        if (!(value > 0.0 && value < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A quantile level must lie strictly between 0 and 1.");
        }

        Value = value;
    }

    /// <summary>The probability p.</summary>
    public double Value { get; }

    /// <summary>The forecast-file column name, e.g. <c>q0.05</c>.</summary>
    public string ColumnName => "q" + Value.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public int CompareTo(QuantileLevel other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => ColumnName;

    /// <summary>Parses a column name such as <c>q0.9</c> or a bare number such as <c>0.9</c>.</summary>
    public static QuantileLevel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.StartsWith('q') ? text[1..] : text;
        return new QuantileLevel(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Less-than by probability.</summary>
    public static bool operator <(QuantileLevel left, QuantileLevel right) => left.Value < right.Value;

    /// <summary>Greater-than by probability.</summary>
    public static bool operator >(QuantileLevel left, QuantileLevel right) => left.Value > right.Value;

    /// <summary>Less-than-or-equal by probability.</summary>
    public static bool operator <=(QuantileLevel left, QuantileLevel right) => left.Value <= right.Value;

    /// <summary>Greater-than-or-equal by probability.</summary>
    public static bool operator >=(QuantileLevel left, QuantileLevel right) => left.Value >= right.Value;
}
