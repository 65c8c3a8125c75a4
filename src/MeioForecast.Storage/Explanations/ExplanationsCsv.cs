using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Explanations;

/// <summary>
/// explanations.csv (docs/output-format.md): one row per sku-node, measure and driver with the driver's exact Shapley
/// contribution; per sku-node and measure the contributions add up to current - previous.
/// </summary>
public static class ExplanationsCsv
{
    /// <summary>The file name.</summary>
    public const string FileName = "explanations.csv";

    /// <summary>
    /// The file of what the buffers explained against single-echelon placement are made of (same columns, baseline
    /// <c>zero_uncertainty</c>): buffer_composition.csv.
    /// </summary>
    public const string CompositionFileName = "buffer_composition.csv";

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["sku", "location", "driver", "contribution", "unit", "measure", "baseline", "previous", "current"];

    /// <summary>Formats <paramref name="explanations"/> in sku-node order, measures and drivers in enum order, as <paramref name="fileName"/>.</summary>
    public static RunFile Write(IReadOnlyList<NodeExplanation> explanations, string fileName = FileName)
    {
        ArgumentNullException.ThrowIfNull(explanations);
        var table = new CsvTableWriter(Columns);
        foreach (var e in explanations.OrderBy(e => e.Key))
        {
            foreach (var measure in Enum.GetValues<BufferMeasure>())
            {
                var result = e.Of(measure);
                foreach (var driver in BufferDriverNames.All)
                {
                    table.AddRow(
                        e.Key.Sku,
                        e.Key.Location,
                        BufferDriverNames.Code(driver),
                        CsvTableWriter.Number(result.Values[(int)driver], 6),
                        Unit(measure),
                        MeasureCode(measure),
                        BaselineCode(e.Baseline),
                        CsvTableWriter.Number(result.Baseline, 6),
                        CsvTableWriter.Number(result.Total, 6));
                }
            }
        }

        return new RunFile(fileName, table.ToBytes(), table.Rows);
    }

    /// <summary>The file name of <paramref name="measure"/>.</summary>
    public static string MeasureCode(BufferMeasure measure) => measure switch
    {
        BufferMeasure.SafetyStock => "safety_stock",
        BufferMeasure.BaseStock => "base_stock",
        _ => "holding_cost",
    };

    /// <summary>The unit of <paramref name="measure"/>.</summary>
    public static string Unit(BufferMeasure measure) => measure == BufferMeasure.HoldingCost ? "currency/year" : "units";

    /// <summary>The file name of <paramref name="baseline"/>.</summary>
    public static string BaselineCode(ExplanationBaseline baseline) => baseline switch
    {
        ExplanationBaseline.PreviousRun => "previous_run",
        ExplanationBaseline.SingleEchelon => "single_echelon",
        _ => "zero_uncertainty",
    };
}
