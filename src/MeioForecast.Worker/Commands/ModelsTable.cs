using System.Globalization;
using System.Text;
using System.Text.Json;
using MeioForecast.Storage.Models;

namespace MeioForecast.Worker.Commands;

/// <summary>Text and JSON views of registered models for <c>meio models list|compare</c> and <c>meio train</c>.</summary>
internal static class ModelsTable
{
    /// <summary>One line per model: id, status, creation time, period, horizon, WSPL, cov80, points, software version.</summary>
    public static string List(IReadOnlyList<RegisteredModel> models)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"model_id",-26}{"status",-10}{"created_utc",-22}{"period",-7}{"horizon",8}{"wspl",10}{"cov80",8}{"points",9}  version\n");
        foreach (var m in models)
        {
            var x = m.Manifest;
            text.Append(CultureInfo.InvariantCulture, $"{x.ModelId,-26}{m.Status,-10}{x.CreatedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),-22}{x.Period,-7}{x.Horizon,8}{Num(x.Metrics.Wspl),10}{Num(x.Metrics.Cov80),8}{x.Metrics.Points,9}  {x.SoftwareVersion}\n");
        }

        return text.ToString();
    }

    /// <summary>Metrics side by side, one column per model: WSPL, cov80, width80, pinball per level, then the provenance.</summary>
    public static string Compare(IReadOnlyList<RegisteredModel> models)
    {
        var text = new StringBuilder();
        void Row(string name, Func<RegisteredModel, string> value)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name,-18}");
            foreach (var m in models)
            {
                text.Append(CultureInfo.InvariantCulture, $"{value(m),28}");
            }

            text.Append('\n');
        }

        Row("model_id", m => m.Manifest.ModelId);
        Row("status", m => m.Status);
        Row("wspl", m => Num(m.Manifest.Metrics.Wspl));
        Row("cov80", m => Num(m.Manifest.Metrics.Cov80));
        Row("width80", m => Num(m.Manifest.Metrics.Width80));
        var levels = models.SelectMany(m => m.Manifest.Metrics.Levels).Distinct().Order().ToArray();
        foreach (var p in levels)
        {
            Row("pinball q" + p.ToString("R", CultureInfo.InvariantCulture), m =>
            {
                var i = m.Manifest.Metrics.Levels.ToList().IndexOf(p);
                return i < 0 ? "-" : Num(m.Manifest.Metrics.Pinball[i]);
            });
        }

        Row("points", m => m.Manifest.Metrics.Points.ToString(CultureInfo.InvariantCulture));
        Row("origins x horizon", m => string.Create(CultureInfo.InvariantCulture, $"{m.Manifest.Metrics.Origins} x {m.Manifest.Metrics.Horizon}"));
        Row("period / horizon", m => $"{m.Manifest.Period} / {m.Manifest.Horizon.ToString(CultureInfo.InvariantCulture)}");
        Row("training input", m => m.Manifest.TrainingFingerprint[..Math.Min(16, m.Manifest.TrainingFingerprint.Length)]);
        Row("created_utc", m => m.Manifest.CreatedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Row("version", m => m.Manifest.SoftwareVersion);
        return text.ToString();
    }

    /// <summary>The models as a JSON array (exact stored values): id, status, provenance and metrics.</summary>
    public static string Json(IReadOnlyList<RegisteredModel> models) =>
        JsonSerializer.Serialize(
            models.Select(m => new
            {
                model_id = m.Manifest.ModelId,
                status = m.Status,
                created_utc = m.Manifest.CreatedUtc,
                period = m.Manifest.Period,
                horizon = m.Manifest.Horizon,
                training_fingerprint = m.Manifest.TrainingFingerprint,
                software_version = m.Manifest.SoftwareVersion,
                metrics = m.Manifest.Metrics,
            }),
            ModelManifest.JsonOptions) + "\n";

    /// <summary>A metric with 6 significant digits (NaN as "nan").</summary>
    public static string Num(double value) => double.IsNaN(value) ? "nan" : value.ToString("G6", CultureInfo.InvariantCulture);
}
