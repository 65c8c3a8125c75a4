using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Output;

/// <summary>forecasts.csv (docs/output-format.md): sku, location, date, method, then one column per quantile level (q0.05, ...).</summary>
public static class ForecastsCsv
{
    /// <summary>The file name.</summary>
    public const string FileName = "forecasts.csv";

    /// <summary>Formats <paramref name="forecasts"/>; every forecast must use the same levels.</summary>
    public static RunFile Write(IReadOnlyList<SeriesForecast> forecasts, PeriodKind period)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        var levels = forecasts.Count > 0 ? forecasts[0].Levels : [];
        var table = new CsvTableWriter(["sku", "location", "date", "method", .. levels.Select(l => l.ColumnName)]);
        foreach (var f in forecasts)
        {
            if (!f.Levels.SequenceEqual(levels))
            {
                throw new ArgumentException($"Forecast of {f.Key} uses other quantile levels than the rest.", nameof(forecasts));
            }

            for (var t = 0; t < f.Horizon; t++)
            {
                var row = new string[4 + levels.Count];
                row[0] = f.Key.Sku;
                row[1] = f.Key.Location;
                row[2] = CsvTableWriter.Date(period.Add(f.FirstDate, t));
                row[3] = f.Method;
                for (var j = 0; j < levels.Count; j++)
                {
                    row[4 + j] = CsvTableWriter.Number(f.Quantiles[t, j]);
                }

                table.AddRow(row);
            }
        }

        return new RunFile(FileName, table.ToBytes(), table.Rows);
    }
}
