using System.Text;
using MeioForecast.Storage.Sharding;

namespace MeioForecast.Storage.Tests.Sharding;

public sealed class ShardCsvMergerTests
{
    private static ReadOnlyMemory<byte> B(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Merge_interleaves_sku_blocks_in_ordinal_order_and_keeps_rows_unchanged()
    {
        // The single-run file written by hand: sorted by sku (ordinal: "B" < "a"), then location, then date.
        const string single = "sku,location,date\nA,L1,d1\nA,L2,d1\nB,L1,d1\nC,L1,d1\nC,L1,d2\n\"a,b\",L1,d1\nb,L1,d1\n";
        var merged = ShardCsvMerger.Merge("forecasts.csv", [
            B("sku,location,date\nA,L1,d1\nA,L2,d1\nC,L1,d1\nC,L1,d2\n"),
            B("sku,location,date\n"),
            B("sku,location,date\nB,L1,d1\n\"a,b\",L1,d1\nb,L1,d1\n"),
        ]);
        Assert.Equal(single, Encoding.UTF8.GetString(merged.Content.Span));
        Assert.Equal(7, merged.Rows);
    }

    [Fact]
    public void A_shard_without_rows_may_have_a_shorter_header()
    {
        // forecasts.csv of a shard with no demand history has no quantile columns; the single run has them.
        var merged = ShardCsvMerger.Merge("forecasts.csv", [B("sku,location,date,method\n"), B("sku,location,date,method,q0.5\nA,L,d,m,1\n")]);
        Assert.Equal("sku,location,date,method,q0.5\nA,L,d,m,1\n", Encoding.UTF8.GetString(merged.Content.Span));
        var empty = ShardCsvMerger.Merge("forecasts.csv", [B("sku,location,date,method\n"), B("sku,location,date,method\n")]);
        Assert.Equal("sku,location,date,method\n", Encoding.UTF8.GetString(empty.Content.Span));
    }

    [Fact]
    public void Merge_refuses_a_sku_in_two_shards_unsorted_shards_other_headers_and_non_sku_files()
    {
        var twice = Assert.Throws<InvalidDataException>(() => ShardCsvMerger.Merge("t.csv", [B("sku,x\nA,1\n"), B("sku,x\nA,2\n")]));
        Assert.Contains("sku 'A' is in more than one shard", twice.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => ShardCsvMerger.Merge("t.csv", [B("sku,x\nB,1\nA,1\n")]));
        Assert.Throws<InvalidDataException>(() => ShardCsvMerger.Merge("t.csv", [B("sku,x\nA,1\n"), B("sku,y\nB,1\n")]));
        var notPerSku = Assert.Throws<InvalidDataException>(() => ShardCsvMerger.Merge("summary.csv", [B("model,x\nm,1\n")]));
        Assert.Contains("only per-sku CSV files can be merged", notPerSku.Message, StringComparison.Ordinal);
    }
}
