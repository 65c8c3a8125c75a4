using System.IO.Compression;

namespace MeioForecast.Forecasting.Evaluation;

/// <summary>Reads a (gzipped) CSV without quoted fields into header-indexed rows.</summary>
internal static class GzCsv
{
    public static IEnumerable<Func<string, string>> Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine()!.Split(',').Select((h, i) => (h, i)).ToDictionary(x => x.h.Trim('"'), x => x.i);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var fields = line.Split(',');
            yield return name => fields[header[name]].Trim('"');
        }
    }

    public static double Number(string text) =>
        text is "NA" or "" ? double.NaN : double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
