using MeioForecast.Explainability.Shapley;

namespace MeioForecast.Explainability.Tests;

public class ExactShapleyTests
{
    [Fact]
    public void Glove_game_has_the_textbook_values()
    {
        // Glove game (e.g. Osborne & Rubinstein 1994, ex. 291.1; Maschler, Solan & Zamir 2013): player 0 holds a left
        // glove, players 1 and 2 right gloves; a coalition is worth 1 when it holds a pair. Shapley: (2/3, 1/6, 1/6).
        var result = ExactShapley.Compute(3, mask => (mask & 1) != 0 && (mask & 6) != 0 ? 1 : 0);
        Assert.Equal(2.0 / 3, result.Values[0], 1e-15);
        Assert.Equal(1.0 / 6, result.Values[1], 1e-15);
        Assert.Equal(1.0 / 6, result.Values[2], 1e-15);
    }

    [Fact]
    public void Values_equal_the_brute_force_average_over_all_orderings()
    {
        // Definition by permutations (Shapley 1953): the average marginal contribution over all n! join orders.
        var random = new Random(7);
        for (var game = 0; game < 50; game++)
        {
            var n = random.Next(1, 7);
            var worth = Enumerable.Range(0, 1 << n).Select(_ => random.NextDouble() * 100 - 50).ToArray();
            var exact = ExactShapley.Compute(n, mask => worth[mask]);
            var brute = new double[n];
            var orders = 0;
            foreach (var order in Permutations(Enumerable.Range(0, n).ToArray()))
            {
                orders++;
                var mask = 0;
                foreach (var player in order)
                {
                    brute[player] += worth[mask | (1 << player)] - worth[mask];
                    mask |= 1 << player;
                }
            }

            for (var i = 0; i < n; i++)
            {
                Assert.Equal(brute[i] / orders, exact.Values[i], 1e-9);
            }
        }
    }

    [Fact]
    public void Values_add_up_to_the_change()
    {
        var random = new Random(11);
        var worth = Enumerable.Range(0, 1 << 8).Select(_ => random.NextDouble() * 1e4).ToArray();
        var result = ExactShapley.Compute(8, mask => worth[mask]);
        Assert.Equal(worth[255] - worth[0], result.Values.Sum(), 1e-9 * Math.Abs(worth[255] - worth[0]));
        Assert.True(Math.Abs(result.Residual) <= 1e-9 * Math.Abs(result.Change));
    }

    [Fact]
    public void Symmetric_players_get_equal_shares_and_a_null_player_gets_zero()
    {
        // v depends on players 0 and 1 only through their count; player 2 never changes the worth.
        double V(int mask) => Math.Pow(1 + ((mask & 1) + ((mask >> 1) & 1)), 2) + ((mask & 8) != 0 ? 5 : 0);
        var result = ExactShapley.Compute(4, V);
        Assert.Equal(result.Values[0], result.Values[1], 1e-12);
        Assert.Equal(0.0, result.Values[2], 1e-15);
        Assert.Equal(5.0, result.Values[3], 1e-12);
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
