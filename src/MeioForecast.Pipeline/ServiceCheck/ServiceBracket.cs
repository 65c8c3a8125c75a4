using MeioForecast.Core.Distributions;

namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>
/// The calibration search of one customer-facing node, on the normal scale z = Phi^-1(p) of its service level p.
/// Band: a simulated cycle service alpha in [p* - tol, p* + tol] is kept. Below the band the level is raised, above it
/// (when <see cref="ServiceCheckOptions.Downward"/>) lowered: by a secant step z' = z + Phi^-1(p*) - Phi^-1(alpha)
/// while only one side of the target is known, then by bisection between the highest level seen to miss
/// (alpha &lt; p* - tol) and the lowest level seen to meet (alpha &gt;= p* - tol), until the bracket is narrower than
/// <see cref="ServiceCheckOptions.BracketWidth"/>; a node that misses next to a narrow bracket returns to the level that met.
/// Levels stay in [<see cref="ServiceCheckOptions.MinServiceLevel"/>, <see cref="ServiceCheckOptions.MaxServiceLevel"/>].
/// </summary>
internal sealed class ServiceBracket(double target, ServiceCheckOptions options)
{
    private double? _miss;
    private double? _meet;

    /// <summary>The node's cycle service target p*.</summary>
    public double Target => target;

    /// <summary>
    /// Records the simulated <paramref name="achieved"/> service at <paramref name="level"/> and returns the level to
    /// simulate next (the same level when the node is settled).
    /// </summary>
    public double Next(double level, double achieved)
    {
        var z = StandardNormal.Quantile(level);
        var meets = achieved >= target - options.Tolerance;
        if (meets)
        {
            _meet = z;
            if (_miss >= z)
            {
                _miss = null; // the bracket moved (the rest of the network changed): forget the stale side
            }
        }
        else
        {
            _miss = z;
            if (_meet <= z)
            {
                _meet = null;
            }
        }

        if (meets && (achieved <= target + options.Tolerance || !options.Downward))
        {
            return level;
        }

        var secant = z + StandardNormal.Quantile(target) - StandardNormal.Quantile(Math.Clamp(achieved, 1e-4, 1 - 1e-4));
        double next;
        if (meets)
        {
            // Above the band: lower towards the target (least holding cost).
            if (_miss is { } miss && z - miss < options.BracketWidth)
            {
                return level;
            }

            next = _miss is { } low ? (low + z) / 2 : Math.Min(secant, z - (options.BracketWidth / 2));
            next = Math.Max(next, StandardNormal.Quantile(options.MinServiceLevel));
            return next < z ? StandardNormal.Cdf(next) : level;
        }

        // Below the band: raise towards the target.
        if (_meet is { } meet)
        {
            next = meet - z < options.BracketWidth ? meet : (z + meet) / 2;
        }
        else
        {
            next = Math.Max(secant, z + (options.BracketWidth / 2));
        }

        next = Math.Min(next, StandardNormal.Quantile(options.MaxServiceLevel));
        return next > z ? StandardNormal.Cdf(next) : level;
    }
}
