using MeioForecast.Docs.Examples;

namespace MeioForecast.LightGbm.Tests;

/// <summary>The docs' example (docs/examples/LightGbmQuantileExample.cs), run on the closed-form distribution of <see cref="KnownDistribution"/>.</summary>
public sealed class LightGbmQuantileExampleTests
{
    private static readonly LightGbmQuantileExample.Row[] Train = KnownDistribution.Rows(20_000, 1);
    private static readonly LightGbmQuantileExample.Row[] Test = KnownDistribution.Rows(20_000, 2);

    [Fact]
    public void Pipeline_covers_alpha_within_binomial_tolerance_and_tracks_the_true_quantile()
    {
        var (scores, _, _) = LightGbmQuantileExample.Run(Train, Test);

        // Coverage P(y <= q(x)) on 20,000 fresh rows: binomial sd sqrt(0.9 * 0.1 / n) = 0.0021; 4 sd.
        var covered = Test.Zip(scores).Count(p => p.First.Label <= p.Second) / (double)Test.Length;
        Assert.InRange(covered, 0.9 - (4 * Math.Sqrt(0.09 / Test.Length)), 0.9 + (4 * Math.Sqrt(0.09 / Test.Length)));

        // Against the closed-form quantile 10 p + 5 m + (1 + 2 p) z_0.9: noise sd is 1..3, so 0.25 is a tight fit.
        var mae = Test.Zip(scores).Average(p => Math.Abs(p.Second - KnownDistribution.TrueQuantile(p.First, KnownDistribution.Z90)));
        Assert.True(mae < 0.25, $"mean |q_hat - q| = {mae}");
    }

    [Fact]
    public void Contributions_sum_to_the_scores()
    {
        var (scores, contributions, _) = LightGbmQuantileExample.Run(Train, Test[..2000]);
        Assert.Equal(scores.Length, contributions.Length);
        for (var i = 0; i < scores.Length; i++)
        {
            Assert.Equal(3, contributions[i].Length);

            // The score column is Single: the double sum agrees to float rounding.
            Assert.Equal(scores[i], contributions[i].Sum(), 1e-5 * Math.Max(1, Math.Abs(scores[i])));
        }
    }

    [Fact]
    public void Model_text_is_LightGBMs_format_with_the_quantile_objective()
    {
        var (_, _, text) = LightGbmQuantileExample.Run(Train[..5000], Test[..10]);
        var lines = text.Split('\n');
        Assert.Equal("tree", lines[0]);
        Assert.Equal("version=v4", lines[1]);
        Assert.Contains("objective=quantile", text, StringComparison.Ordinal);
        Assert.Contains("[alpha: 0.9]", text, StringComparison.Ordinal);
        Assert.Equal(200, lines.Count(l => l.StartsWith("Tree=", StringComparison.Ordinal)));
    }
}
