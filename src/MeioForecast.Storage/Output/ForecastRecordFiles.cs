using System.IO.Compression;
using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Backtesting.Replay;

namespace MeioForecast.Storage.Output;

/// <summary>
/// A <see cref="ForecastRecord"/> on disk (<c>meio backtest --record DIR</c> / <c>--replay DIR</c>): one gzip file per
/// forecast origin, <c>forecasts-YYYY-MM-DD.bin.gz</c>, holding every recorded prediction made from that date (the
/// candidates' and the fallback's, at each request); windows that share an origin share its file. Doubles are stored
/// as their bits, so a replay sees exactly what the live run saw.
/// </summary>
public static class ForecastRecordFiles
{
    private const string Magic = "MEIOREC1";

    /// <summary>Writes <paramref name="record"/> into <paramref name="folder"/> (created if missing; files of the same origins replaced).</summary>
    public static void Write(string folder, ForecastRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(folder);
        foreach (var byEnd in record.Entries.GroupBy(e => e.Key.End))
        {
            var path = Path.Combine(folder, FileName(byEnd.Key));
            using var file = File.Create(path + ".tmp");
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            using (var w = new BinaryWriter(gzip, Encoding.UTF8))
            {
                w.Write(Magic);
                var entries = byEnd.ToArray();
                w.Write(entries.Length);
                foreach (var (key, forecasts) in entries)
                {
                    w.Write(key.Forecaster);
                    w.Write(key.End.DayNumber);
                    w.Write(key.Horizon);
                    w.Write(key.Levels);
                    w.Write(forecasts.Count);
                    foreach (var f in forecasts)
                    {
                        w.Write(f.Key.Sku);
                        w.Write(f.Key.Location);
                        w.Write(f.FirstDate.DayNumber);
                        w.Write(f.Method);
                        w.Write(f.Levels.Count);
                        foreach (var l in f.Levels)
                        {
                            w.Write(l.Value);
                        }

                        w.Write(f.Horizon);
                        for (var t = 0; t < f.Horizon; t++)
                        {
                            for (var j = 0; j < f.Levels.Count; j++)
                            {
                                w.Write(f.Quantiles[t, j]);
                            }
                        }
                    }
                }
            }

            file.Close();
            File.Move(path + ".tmp", path, overwrite: true);
        }
    }

    /// <summary>Reads every record file of <paramref name="folder"/>; a missing folder or a damaged file is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static ForecastRecord Read(string folder)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "forecasts-*.bin.gz").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            throw new InvalidDataException($"{folder}: no forecasts-*.bin.gz record files (write them with meio backtest --record).");
        }

        var record = new ForecastRecord();
        foreach (var path in files)
        {
            try
            {
                ReadFile(path, record);
            }
            catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidDataException)
            {
                throw new InvalidDataException($"{path}: not a readable forecast record ({e.Message}).", e);
            }
        }

        return record;
    }

    /// <summary>The file of one origin.</summary>
    public static string FileName(DateOnly end) => $"forecasts-{end:yyyy-MM-dd}.bin.gz";

    private static void ReadFile(string path, ForecastRecord record)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var r = new BinaryReader(gzip, Encoding.UTF8);
        if (r.ReadString() != Magic)
        {
            throw new InvalidDataException($"missing the {Magic} header");
        }

        var entries = r.ReadInt32();
        for (var e = 0; e < entries; e++)
        {
            var key = new ForecastRecordKey(r.ReadString(), DateOnly.FromDayNumber(r.ReadInt32()), r.ReadInt32(), r.ReadString());
            var count = r.ReadInt32();
            var forecasts = new SeriesForecast[count];
            for (var i = 0; i < count; i++)
            {
                var node = new SkuNode(r.ReadString(), r.ReadString());
                var first = DateOnly.FromDayNumber(r.ReadInt32());
                var method = r.ReadString();
                var levels = new QuantileLevel[r.ReadInt32()];
                for (var j = 0; j < levels.Length; j++)
                {
                    levels[j] = new QuantileLevel(r.ReadDouble());
                }

                var h = r.ReadInt32();
                var q = new double[h, levels.Length];
                for (var t = 0; t < h; t++)
                {
                    for (var j = 0; j < levels.Length; j++)
                    {
                        q[t, j] = r.ReadDouble();
                    }
                }

                forecasts[i] = new SeriesForecast(node, first, levels, q, method);
            }

            record.Add(key, forecasts);
        }
    }
}
