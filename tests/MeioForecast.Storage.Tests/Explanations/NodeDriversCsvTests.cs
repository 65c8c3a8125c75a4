using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Storage.Explanations;

namespace MeioForecast.Storage.Tests.Explanations;

public class NodeDriversCsvTests
{
    [Fact]
    public void Drivers_round_trip_bit_for_bit()
    {
        // Round-trip ("R") formatting: the next run must value this run's buffer from exactly the same numbers.
        var drivers = new SortedDictionary<SkuNode, NodeDrivers>
        {
            [new SkuNode("B", "S1")] = new([0.1, 1.0 / 3, 2e-17], [Math.PI, 0, 1e12], 6.3, 1.9519, 0.975, 0.675, 2, 3),
            [new SkuNode("A", "DC, East")] = new([5.0], [7.25], 0, 0, 0.9, 2.5, 0, 0),
            [new SkuNode("C", "DC")] = new([5.0], [7.25], 2, 0.5, 0.9, 2.5, 2, 0) { CoversLateness = true },
        };
        var file = NodeDriversCsv.Write(drivers);
        Assert.Equal(5, file.Rows);
        var back = NodeDriversCsv.Read(file.Content);
        Assert.Equal(drivers.Keys, back.Keys);
        foreach (var (key, d) in drivers)
        {
            var r = back[key];
            Assert.Equal(d.Mean, r.Mean);
            Assert.Equal(d.Variance, r.Variance);
            Assert.Equal(d with { Mean = r.Mean, Variance = r.Variance }, r);
        }
    }

    [Fact]
    public void A_malformed_file_names_the_line()
    {
        var text = string.Join(',', NodeDriversCsv.Columns) + "\nA,S1,0,1,1,1,0,0.9,1,0,0,0\nA,S1,2,1,1,1,0,0.9,1,0,0,0\n";
        var ex = Assert.Throws<InvalidDataException>(() => NodeDriversCsv.Read(Encoding.UTF8.GetBytes(text)));
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_written_before_covers_lateness_reads_as_the_classical_bound()
    {
        // A previous run's node_drivers.csv from before the column: the next run must still explain against it.
        var text = string.Join(',', NodeDriversCsv.Columns.Take(NodeDriversCsv.Columns.Count - 1)) + "\nA,S1,0,1,1,1,0.5,0.9,1,0,0\n";
        var back = NodeDriversCsv.Read(Encoding.UTF8.GetBytes(text))[new SkuNode("A", "S1")];
        Assert.False(back.CoversLateness);
        Assert.Equal(0.5, back.LeadTimeSd);
        var bad = string.Join(',', NodeDriversCsv.Columns) + "\nA,S1,0,1,1,1,0.5,0.9,1,0,0,yes\n";
        Assert.Contains("covers_lateness 'yes'", Assert.Throws<InvalidDataException>(() => NodeDriversCsv.Read(Encoding.UTF8.GetBytes(bad))).Message, StringComparison.Ordinal);
    }
}
