using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// Demand over n periods starting in a period drawn uniformly from the forecast horizon, periods taken cyclically (the
/// horizon's pattern repeats, e.g. a weekly profile): the mixture (1/H) sum_s D_s(n) with D_s(n) = D_s + ... + D_(s+n-1)
/// (indices mod H). One base stock held over the horizon then targets the cycle service averaged over its periods, as
/// the moment version does (mixture mean and law-of-total-variance variance). Periods are independent; each sum is the
/// exact convolution on a common grid (<see cref="ConvolvedLeadTimeDemand"/>'s discretisation, trimming and cap), or,
/// when every period is a <see cref="NormalDistribution"/>, the exact normal sums (then a stationary horizon gives
/// mean + z sd to machine precision). Memoised per n; thread-safe.
/// </summary>
public sealed class HorizonWindowDemand
{
    private readonly object _sync = new();
    private readonly DemandDistribution[] _periods;
    private readonly DiscreteDistribution[]? _grids;
    private readonly DiscreteDistribution[] _sums;
    private readonly List<DemandDistribution> _memo;
    private readonly ConvolutionScratch _scratch = new();
    private readonly LeadTimeDemandOptions _options;
    private readonly bool _lattice;
    private readonly double _cap;
    private readonly int _longest;

    /// <summary>Creates the model over <paramref name="periods"/>; the grid is sized for sums of up to <paramref name="longest"/> periods.</summary>
    public HorizonWindowDemand(IReadOnlyList<DemandDistribution> periods, int longest, LeadTimeDemandOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0 || periods.Any(p => p is null))
        {
            throw new ArgumentException("At least one period distribution is needed, none null.", nameof(periods));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(longest, 1);
        _options = options ?? new LeadTimeDemandOptions();
        _options.Validate();
        _periods = [.. periods];
        _longest = longest;
        MeanPerPeriod = _periods.Average(p => p.Mean);
        IsNormal = _periods.All(p => p is NormalDistribution);
        var h = _periods.Length;
        if (IsNormal)
        {
            Step = 0.0;
            _sums = [];
            _memo = [DiscreteDistribution.PointMass(0.0)];
            return;
        }

        var widest = Enumerable.Range(0, h).MaxBy(s => Enumerable.Range(0, longest).Sum(t => _periods[(s + t) % h].Variance));
        (_cap, var width) = GridExtent.Of([.. Enumerable.Range(0, longest).Select(t => _periods[(widest + t) % h])], _options);
        var integer = _periods.All(p => p.IsIntegerValued);
        Step = _options.Step ?? ConvolvedLeadTimeDemand.NiceStep(width / _options.GridPoints, integer);
        var cache = new Dictionary<DemandDistribution, DiscreteDistribution>(ReferenceEqualityComparer.Instance);
        _grids = [.. _periods.Select(p =>
        {
            if (!cache.TryGetValue(p, out var grid))
            {
                grid = GridDiscretizer.Discretize(p, Step, _options.TailMass, _cap);
                cache.Add(p, grid);
            }

            return grid;
        })];
        _lattice = _grids.All(g => g.IsLattice);
        _sums = [.. Enumerable.Repeat(DiscreteDistribution.PointMass(0.0, Step), h)];
        _memo = [_sums[0]];
    }

    /// <summary>H, the number of periods.</summary>
    public int Horizon => _periods.Length;

    /// <summary>The mean demand per period over the horizon.</summary>
    public double MeanPerPeriod { get; }

    /// <summary>True when every period is normal (exact normal sums, no grid).</summary>
    public bool IsNormal { get; }

    /// <summary>h, the grid step (0 for normal periods).</summary>
    public double Step { get; }

    /// <summary>The mixture over start periods of demand over <paramref name="n"/> periods.</summary>
    public DemandDistribution Over(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        lock (_sync)
        {
            for (var k = _memo.Count; k <= n; k++)
            {
                _memo.Add(IsNormal ? NormalWindow(k) : GridWindow(k));
            }

            return _memo[n];
        }
    }

    /// <summary>
    /// Demand over a random number N of periods, N given by whole-period <paramref name="counts"/> (e.g.
    /// <see cref="RandomPeriodDemand.PeriodCounts(LeadTime, int)"/>): sum_n P(N = n) <see cref="Over"/>(n).
    /// </summary>
    public DemandDistribution Exposure(IReadOnlyList<LeadTimeOutcome> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0 || counts.Any(c => c.Periods < 0 || c.Periods != Math.Floor(c.Periods) || !(c.Probability >= 0.0)))
        {
            throw new ArgumentException("Period counts must be whole, non-negative, with non-negative probabilities.", nameof(counts));
        }

        if (counts.Count == 1)
        {
            return Over((int)counts[0].Periods);
        }

        var components = counts.Select(c => Over((int)c.Periods)).ToArray();
        var weights = counts.Select(c => c.Probability).ToArray();
        return IsNormal
            ? new MixtureDistribution(components, weights)
            : GridMixture.Mix([.. components.Cast<DiscreteDistribution>()], weights, _lattice);
    }

    private DemandDistribution NormalWindow(int n)
    {
        var h = _periods.Length;
        var windows = new NormalDistribution[h];
        for (var s = 0; s < h; s++)
        {
            double m = 0.0, v = 0.0;
            for (var t = 0; t < n; t++)
            {
                var period = _periods[(s + t) % h];
                m += period.Mean;
                v += period.Variance;
            }

            windows[s] = new NormalDistribution(m, Math.Sqrt(v));
        }

        return windows.All(w => w.Mean == windows[0].Mean && w.Variance == windows[0].Variance)
            ? windows[0]
            : new MixtureDistribution(windows, [.. Enumerable.Repeat(1.0, h)]);
    }

    private DiscreteDistribution GridWindow(int n)
    {
        // Extends every start's running sum D_s(n - 1) by its n-th period; past the longest sum sized for, no cap.
        var h = _periods.Length;
        var cap = n <= _longest ? _cap : double.PositiveInfinity;
        for (var s = 0; s < h; s++)
        {
            _sums[s] = ConvolvedLeadTimeDemand.AddPeriod(_sums[s], _grids![(s + n - 1) % h], cap, Step, _options.TrimMass, _lattice, _scratch);
        }

        return GridMixture.Mix(_sums, [.. Enumerable.Repeat(1.0, h)], _lattice);
    }
}
