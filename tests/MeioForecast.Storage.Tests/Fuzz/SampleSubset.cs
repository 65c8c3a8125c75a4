namespace MeioForecast.Storage.Tests.Fuzz;

/// <summary>A small, valid cut of data-samples: its first skus and the last days of their history (and matching signals).</summary>
internal static class SampleSubset
{
    public static void Write(string samples, string folder, int skus, int days)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "settings.csv", "locations.csv", "lanes.csv" })
        {
            File.Copy(Path.Combine(samples, name), Path.Combine(folder, name), overwrite: true);
        }

        var nodes = File.ReadAllLines(Path.Combine(samples, "sku_nodes.csv"));
        var kept = nodes.Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(skus).ToHashSet(StringComparer.Ordinal);
        File.WriteAllLines(Path.Combine(folder, "sku_nodes.csv"), nodes.Take(1).Concat(nodes.Skip(1).Where(l => kept.Contains(l.Split(',')[0]))));

        var demand = File.ReadAllLines(Path.Combine(samples, "demand.csv"));
        var last = DateOnly.Parse(demand.Skip(1).Select(l => l.Split(',')[2]).Max(StringComparer.Ordinal)!, System.Globalization.CultureInfo.InvariantCulture);
        var from = last.AddDays(1 - days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllLines(Path.Combine(folder, "demand.csv"),
            demand.Take(1).Concat(demand.Skip(1).Where(l => l.Split(',') is var c && kept.Contains(c[0]) && string.CompareOrdinal(c[2], from) >= 0)));

        var signals = File.ReadAllLines(Path.Combine(samples, "signals.csv"));
        File.WriteAllLines(Path.Combine(folder, "signals.csv"),
            signals.Take(1).Concat(signals.Skip(1).Where(l => l.Split(',') is var c && string.CompareOrdinal(c[0], from) >= 0 && (c[4].Length == 0 || kept.Contains(c[4])))));
    }
}
