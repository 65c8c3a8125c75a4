using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;

namespace MeioForecast.Core.Tests.Demand;

/// <summary>
/// The compact signal table (dense day arrays per scope) against the definition it replaces, a plain dictionary keyed by
/// (name, date, sku, location) with the most-specific-first lookup: same answers for every query, on random scoped values
/// whose dates arrive out of order (the arrays grow in both directions), through both the constructor and the builder.
/// </summary>
public sealed class SignalTableTests
{
    [Fact]
    public void Lookups_equal_a_plain_dictionary_with_most_specific_first_fallback()
    {
        var random = new Random(7);
        var origin = new DateOnly(2025, 1, 1);
        string[] skus = ["", "A", "B"];
        string[] locations = ["", "S1", "S2"];
        var reference = new Dictionary<(string Name, DateOnly Date, string Sku, string Location), double>();
        var builder = new SignalTableBuilder();
        var duplicates = 0;
        for (var i = 0; i < 3000; i++)
        {
            var key = (random.Next(2) == 0 ? "price" : "promo", origin.AddDays(random.Next(-400, 400)), skus[random.Next(3)], locations[random.Next(3)]);
            var value = Math.Round(random.NextDouble() * 10, 2);
            if (reference.TryAdd(key, value))
            {
                Assert.True(builder.TryAdd(key.Item1, key.Item2, key.Item3, key.Item4, value));
            }
            else
            {
                duplicates++;
                Assert.False(builder.TryAdd(key.Item1, key.Item2, key.Item3, key.Item4, value));
            }
        }

        var kinds = new Dictionary<string, SignalKind> { ["price"] = SignalKind.KnownInAdvance, ["promo"] = SignalKind.KnownInAdvance };
        var built = builder.Build(kinds);
        var constructed = new SignalTable(kinds, reference);
        Assert.True(duplicates > 0);
        Assert.Equal(reference.Count, built.Count);
        Assert.Equal(reference.Count, constructed.Count);
        foreach (var name in kinds.Keys)
        {
            foreach (var sku in skus.Skip(1))
            {
                foreach (var location in locations.Skip(1))
                {
                    for (var d = -410; d < 410; d++)
                    {
                        var date = origin.AddDays(d);
                        var found = reference.TryGetValue((name, date, sku, location), out var expected)
                            || reference.TryGetValue((name, date, sku, ""), out expected)
                            || reference.TryGetValue((name, date, "", location), out expected)
                            || reference.TryGetValue((name, date, "", ""), out expected);
                        foreach (var table in new[] { built, constructed })
                        {
                            Assert.Equal(found, table.TryGetValue(name, date, new SkuNode(sku, location), out var actual));
                            Assert.Equal(found ? expected : 0.0, found ? actual : 0.0);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void A_value_without_a_kind_is_refused_by_the_builder()
    {
        var builder = new SignalTableBuilder();
        builder.TryAdd("price", new DateOnly(2025, 1, 1), "", "", 1.0);
        Assert.Throws<ArgumentException>(() => builder.Build(new Dictionary<string, SignalKind>()));
    }
}
