using System.Globalization;
using MeioForecast.Optimization.Gsm;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Input;

namespace MeioForecast.Storage.Networks;

/// <summary>
/// Reads the research benchmark format of Willems (2008, MSOM 10(1):19-23): a stage file with named columns
/// (stageName, stageCost, stageTime required; avgDemand, stDevDemand, serviceLevel, maxServiceTime optional; others
/// ignored) and an arc file (from,to and an optional quantity per unit). Errors name file, line and column.
/// </summary>
public static class WillemsNetworkReader
{
    /// <summary>Reads both files and builds the GSM network under <see cref="ReferenceConvention"/>.</summary>
    public static GsmNetwork ReadNetwork(string stagesPath, string arcsPath, double holdingRate = 1.0) =>
        ReferenceConvention.Build(ReadStages(stagesPath), ReadArcs(arcsPath), holdingRate);

    /// <summary>Reads the stage file.</summary>
    public static IReadOnlyList<ReferenceStage> ReadStages(string path)
    {
        var (file, header, rows) = Load(path, "stageName", "stageCost", "stageTime");
        var errors = new List<InputError>();
        var stages = new List<ReferenceStage>();
        foreach (var row in rows)
        {
            double? Number(string column) => Parse(file, header, row, column, errors);
            var name = Field(header, row, "stageName");
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new InputError(file, row.Line, "stageName", InputRule.EmptyField, "A stage needs a name."));
                continue;
            }

            var cost = Number("stageCost");
            var time = Number("stageTime");
            var max = Number("maxServiceTime");
            stages.Add(new ReferenceStage(
                name.Trim(),
                cost ?? 0.0,
                time ?? 0.0,
                Number("avgDemand"),
                Number("stDevDemand"),
                Number("serviceLevel"),
                max is double m ? (int)Math.Floor(m) : null));
        }

        return errors.Count > 0 ? throw new InputValidationException(errors) : stages;
    }

    /// <summary>Reads the arc file.</summary>
    public static IReadOnlyList<GsmArc> ReadArcs(string path)
    {
        var (file, header, rows) = Load(path, "from", "to");
        var errors = new List<InputError>();
        var arcs = new List<GsmArc>();
        var quantityColumn = Array.FindIndex(header, h => h != "from" && h != "to");
        foreach (var row in rows)
        {
            var from = Field(header, row, "from");
            var to = Field(header, row, "to");
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            {
                errors.Add(new InputError(file, row.Line, "", InputRule.EmptyField, "An arc needs both ends."));
                continue;
            }

            var quantity = quantityColumn >= 0 ? Parse(file, header, row, header[quantityColumn], errors) : null;
            arcs.Add(new GsmArc(from.Trim(), to.Trim(), quantity ?? 1.0));
        }

        return errors.Count > 0 ? throw new InputValidationException(errors) : arcs;
    }

    private static (string File, string[] Header, List<CsvRecord> Rows) Load(string path, params string[] required)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new InputValidationException([new InputError(file, 0, "", InputRule.MissingFile, $"{path} does not exist.")]);
        }

        using var reader = new StreamReader(path);
        var records = CsvParser.Parse(reader).ToList();
        if (records.Count == 0)
        {
            throw new InputValidationException([new InputError(file, 0, "", InputRule.MissingColumn, "The file is empty.")]);
        }

        var header = Array.ConvertAll(records[0].Fields, h => h.Trim());
        var missing = required.Where(r => Array.IndexOf(header, r) < 0).ToList();
        if (missing.Count > 0)
        {
            throw new InputValidationException([.. missing.Select(m => new InputError(file, 1, m, InputRule.MissingColumn, $"Column {m} is required."))]);
        }

        return (file, header, records.GetRange(1, records.Count - 1));
    }

    private static string? Field(string[] header, CsvRecord row, string column)
    {
        var index = Array.IndexOf(header, column);
        return index >= 0 && index < row.Fields.Length ? row.Fields[index] : null;
    }

    private static double? Parse(string file, string[] header, CsvRecord row, string column, List<InputError> errors)
    {
        var text = Field(header, row, column);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add(new InputError(file, row.Line, column, InputRule.UnparsableNumber, $"'{text}' is not a number."));
        return null;
    }
}
