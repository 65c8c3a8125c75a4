namespace MeioForecast.Core.Demand;

/// <summary>
/// Values of one scoped signal by day: a dense array from the earliest to the latest day given (8 bytes a day plus one
/// presence bit), growing in both directions; far smaller than one dictionary entry per (signal, date, sku, location).
/// </summary>
internal sealed class DatedValues
{
    private double[] _values = [];
    private ulong[] _present = [];
    private int _firstDay;

    /// <summary>Stores <paramref name="value"/> at <paramref name="date"/>; false (nothing changed) when a value is there already and <paramref name="overwrite"/> is false.</summary>
    public bool Set(DateOnly date, double value, bool overwrite)
    {
        var day = date.DayNumber;
        if (_values.Length == 0)
        {
            Allocate(day, 64);
        }
        else if (day < _firstDay || day >= _firstDay + _values.Length)
        {
            var low = Math.Min(_firstDay, day);
            var high = Math.Max(_firstDay + _values.Length, day + 1);
            var size = Math.Max(high - low, 2 * _values.Length);
            var (oldValues, oldPresent, oldFirst) = (_values, _present, _firstDay);
            Allocate(day < _firstDay ? high - size : low, size);
            for (var i = 0; i < oldValues.Length; i++)
            {
                if ((oldPresent[i >> 6] & (1UL << i)) != 0)
                {
                    Put(oldFirst + i, oldValues[i]);
                }
            }
        }

        var at = day - _firstDay;
        if ((_present[at >> 6] & (1UL << at)) != 0 && !overwrite)
        {
            return false;
        }

        Put(day, value);
        return true;
    }

    /// <summary>The value at <paramref name="date"/>, when one was given.</summary>
    public bool TryGet(DateOnly date, out double value)
    {
        var at = date.DayNumber - _firstDay;
        if (at >= 0 && at < _values.Length && (_present[at >> 6] & (1UL << at)) != 0)
        {
            value = _values[at];
            return true;
        }

        value = 0.0;
        return false;
    }

    private void Allocate(int firstDay, int size)
    {
        _firstDay = firstDay;
        _values = new double[size];
        _present = new ulong[(size + 63) >> 6];
    }

    private void Put(int day, double value)
    {
        var at = day - _firstDay;
        _values[at] = value;
        _present[at >> 6] |= 1UL << at;
    }
}
