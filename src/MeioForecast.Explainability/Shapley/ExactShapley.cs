namespace MeioForecast.Explainability.Shapley;

/// <summary>
/// Exact Shapley values of a cooperative game with few players (Shapley, L.S. 1953, "A value for n-person games",
/// Contributions to the Theory of Games II, Annals of Mathematics Studies 28:307-317):
/// phi_i = sum over coalitions S not containing i of |S|! (n - |S| - 1)! / n! * (v(S + i) - v(S)).
/// The value function is evaluated once per coalition (2^n calls) and the sum costs O(n 2^n), so n up to about 16 is
/// cheap. Here a coalition is the set of drivers moved from their previous to their new value; v(empty) is the previous
/// buffer and v(all) the new one, so the values add up to the change (efficiency), up to floating-point rounding.
/// </summary>
public static class ExactShapley
{
    /// <summary>The largest number of players accepted (2^20 value evaluations).</summary>
    public const int MaxPlayers = 20;

    /// <summary>
    /// Shapley values of the <paramref name="players"/>-player game <paramref name="value"/>, which maps a coalition
    /// bit mask (bit i set = player i in the coalition) to its worth.
    /// </summary>
    public static ShapleyResult Compute(int players, Func<int, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (players is < 1 or > MaxPlayers)
        {
            throw new ArgumentOutOfRangeException(nameof(players), players, $"Exact Shapley values need 1..{MaxPlayers} players.");
        }

        var coalitions = 1 << players;
        var worth = new double[coalitions];
        for (var mask = 0; mask < coalitions; mask++)
        {
            worth[mask] = value(mask);
            if (!double.IsFinite(worth[mask]))
            {
                throw new ArgumentException($"The value of coalition {mask} is not finite ({worth[mask]}).", nameof(value));
            }
        }

        // weight[s] = s! (n - s - 1)! / n!, computed as a product to stay exact for n <= 20.
        var weight = new double[players];
        for (var s = 0; s < players; s++)
        {
            weight[s] = 1.0 / (players * Binomial(players - 1, s));
        }

        var phi = new double[players];
        for (var i = 0; i < players; i++)
        {
            var bit = 1 << i;
            double sum = 0;
            for (var mask = 0; mask < coalitions; mask++)
            {
                if ((mask & bit) == 0)
                {
                    sum += weight[System.Numerics.BitOperations.PopCount((uint)mask)] * (worth[mask | bit] - worth[mask]);
                }
            }

            phi[i] = sum;
        }

        return new ShapleyResult(phi, worth[0], worth[coalitions - 1]);
    }

    private static double Binomial(int n, int k)
    {
        double result = 1;
        for (var j = 1; j <= k; j++)
        {
            result = result * (n - k + j) / j;
        }

        return Math.Round(result);
    }
}
