using System.Globalization;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;

namespace MeioForecast.Storage.Input;

/// <summary>
/// Reads lanes.csv: ends, lead times within <see cref="InputLimits.MaxPeriods"/>, quantity per unit in (0, 1e6], and the
/// optional discrete lead-time distribution, which is authoritative: the declared lead_time_mean (and lead_time_sd when
/// given) must agree with it, so the optimizer (mean, sd) and the simulator (the distribution) plan the same lane.
/// </summary>
internal static class LaneReader
{
    /// <summary>Tolerances of the distribution check: 1 % of the mean (at least 0.01 period), 5 % of the sd (at least 0.05 period).</summary>
    private const double MeanTolerance = 0.01, MeanFloor = 0.01, SdTolerance = 0.05, SdFloor = 0.05;

    /// <summary>The lanes read, and the destinations of rows rejected (their sku-nodes' inbound check would only repeat the error).</summary>
    public static (List<(Lane Lane, int Line)> Lanes, LaneRead Read) Read(
        string folder, IReadOnlyDictionary<string, Location> locations, KnownKeys<string> knownLocations, KnownKeys<string> knownSkus, InputErrors errors)
    {
        var result = new List<(Lane, int)>();
        var read = new LaneRead();
        var table = InputTable.Read(folder, InputFiles.Lanes, required: true, ["from", "to", "lead_time_mean"], errors);
        if (table is null)
        {
            read.Complete = false;
            return (result, read);
        }

        var seen = new HashSet<(string, string, string)>();
        foreach (var row in table.Records)
        {
            var from = table.Id(row, "from");
            var to = table.Id(row, "to");
            var sku = table.Id(row, "sku", required: false) is { Length: > 0 } s ? s : null;
            var valid = from is not null && to is not null && (sku is not null || table.Text(row, "sku").Length == 0);
            double? mean = null;
            if (table.Text(row, "lead_time_mean").Length == 0)
            {
                table.Errors.Add(table.FileName, row.Line, "lead_time_mean", InputRule.MissingLeadTime, $"lane {from} -> {to} has no lead time");
            }
            else
            {
                mean = table.Number(row, "lead_time_mean", 0, InputLimits.MaxPeriods);
            }

            var sdGiven = table.Text(row, "lead_time_sd").Length > 0;
            var sd = table.Number(row, "lead_time_sd", 0, InputLimits.MaxPeriods, required: false);
            var quantity = table.Text(row, "quantity_per_unit").Length == 0 ? 1.0 : table.Number(row, "quantity_per_unit", 0, InputLimits.MaxQuantityPerUnit, minExclusive: true);
            var distribution = ParseDistribution(table, row, out var distributionValid);
            valid &= mean is not null && (sd is not null || !sdGiven) && quantity is not null && distributionValid;
            foreach (var (column, id) in new[] { ("from", from), ("to", to) })
            {
                if (id is not null && !locations.ContainsKey(id))
                {
                    if (knownLocations.IsUnknown(id))
                    {
                        table.Errors.Add(table.FileName, row.Line, column, InputRule.UnknownReference, $"location '{id}' is not in {InputFiles.Locations}");
                    }

                    valid = false;
                }
            }

            if (sku is not null && !knownSkus.Contains(sku))
            {
                if (knownSkus.IsUnknown(sku))
                {
                    table.Errors.Add(table.FileName, row.Line, "sku", InputRule.UnknownReference, $"sku '{sku}' is not in {InputFiles.SkuNodes}");
                }

                valid = false;
            }

            if (valid && from == to)
            {
                table.Errors.Add(table.FileName, row.Line, "to", InputRule.NetworkCycle, $"lane {from} -> {to} loops back to itself");
                valid = false;
            }

            if (valid && distribution is not null)
            {
                valid = Consistent(table, row, distribution, mean!.Value, sdGiven ? sd : null, out var distributionSd);
                sd = sdGiven ? sd : distributionSd;
            }

            if (!valid)
            {
                read.Rejected = true;
                if (table.Text(row, "to") is { Length: > 0 } target)
                {
                    read.RejectedTargets.Add(target);
                }

                continue;
            }

            if (!seen.Add((sku ?? "", from!, to!)))
            {
                table.Errors.Add(table.FileName, row.Line, "to", InputRule.DuplicateKey, $"lane {from} -> {to}{(sku is null ? "" : " for " + sku)} is defined twice");
                continue;
            }

            result.Add((new Lane(sku, from!, to!, new LeadTime(mean!.Value, sd ?? 0.0, distribution), quantity!.Value), row.Line));
        }

        read.Complete = table.Complete && knownLocations.Complete && knownSkus.Complete;
        return (result, read);
    }

    private static List<LeadTimeOutcome>? ParseDistribution(InputTable table, Csv.CsvRecord row, out bool valid)
    {
        valid = true;
        var text = table.Text(row, "lead_time_distribution");
        if (text.Length == 0)
        {
            return null;
        }

        var outcomes = new List<LeadTimeOutcome>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split(':');
            if (pair.Length != 2
                || !double.TryParse(pair[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
                || !double.IsFinite(v) || !double.IsFinite(p))
            {
                return Invalid(table, row, InputRule.UnparsableNumber, $"'{InputTable.Shorten(part)}' must be periods:probability with finite numbers, e.g. 3:0.25", out valid);
            }

            if (v < 0 || v > InputLimits.MaxPeriods || p < 0 || p > 1)
            {
                return Invalid(table, row, InputRule.OutOfRange, $"'{InputTable.Shorten(part)}': periods must lie in 0..{InputLimits.MaxPeriods} and the probability in 0..1", out valid);
            }

            if (outcomes.Count == InputLimits.MaxDistributionOutcomes)
            {
                return Invalid(table, row, InputRule.OutOfRange, $"more than {InputLimits.MaxDistributionOutcomes} outcomes", out valid);
            }

            outcomes.Add(new LeadTimeOutcome(v, p));
        }

        var total = outcomes.Sum(o => o.Probability);
        if (outcomes.Count == 0 || Math.Abs(total - 1.0) > 1e-6)
        {
            return Invalid(table, row, InputRule.OutOfRange, $"the probabilities sum to {InputTable.Format(total)}; they must sum to 1", out valid);
        }

        return outcomes;
    }

    private static List<LeadTimeOutcome>? Invalid(InputTable table, Csv.CsvRecord row, InputRule rule, string message, out bool valid)
    {
        table.Errors.Add(table.FileName, row.Line, "lead_time_distribution", rule, message);
        valid = false;
        return null;
    }

    /// <summary>True when the distribution's mean (and sd, when <paramref name="declaredSd"/> is given) agree with the declared values.</summary>
    private static bool Consistent(InputTable table, Csv.CsvRecord row, List<LeadTimeOutcome> distribution, double declaredMean, double? declaredSd, out double sd)
    {
        var mean = distribution.Sum(o => o.Periods * o.Probability);
        sd = Math.Sqrt(Math.Max(0.0, distribution.Sum(o => o.Probability * (o.Periods - mean) * (o.Periods - mean))));
        if (Math.Abs(mean - declaredMean) > Math.Max(MeanTolerance * mean, MeanFloor))
        {
            table.Errors.Add(table.FileName, row.Line, "lead_time_mean", InputRule.InconsistentDistribution,
                $"lead_time_mean {InputTable.Format(declaredMean)} disagrees with the mean {InputTable.Format(mean)} of lead_time_distribution (tolerance 1 %): fix one, the distribution is what the service check simulates");
            return false;
        }

        if (declaredSd is { } given && Math.Abs(sd - given) > Math.Max(SdTolerance * sd, SdFloor))
        {
            table.Errors.Add(table.FileName, row.Line, "lead_time_sd", InputRule.InconsistentDistribution,
                $"lead_time_sd {InputTable.Format(given)} disagrees with the sd {InputTable.Format(sd)} of lead_time_distribution (tolerance 5 %): fix one or leave lead_time_sd empty");
            return false;
        }

        return true;
    }
}
