using System.Text;
using MeioForecast.Storage.Input;

namespace MeioForecast.Storage.Tests.Input;

/// <summary>
/// The bounded ranges and root-cause rules of docs/input-format.md ("Ranges", "Root causes first"): each corruption of
/// issue 24 is reported at its file and line, with the rule the document names, and nothing else.
/// </summary>
public class InputContractTests
{
    private static IReadOnlyList<InputError> ErrorsOf(InputFolder folder) =>
        Assert.Throws<InputValidationException>(() => PlanningInputLoader.Load(folder.Path)).Errors;

    private static InputError Single(InputFolder folder)
    {
        var errors = ErrorsOf(folder);
        Assert.True(errors.Count == 1, string.Join(Environment.NewLine, errors));
        return errors[0];
    }

    private static void AssertAt(InputError error, string file, int line, string column, InputRule rule)
    {
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(rule, error.Rule);
    }

    [Fact]
    public void A_header_only_sku_nodes_file_says_it_has_no_rows_and_nothing_else()
    {
        using var folder = new InputFolder(skuNodes: "sku,location,unit_cost,holding_cost_rate,service_level\n");
        AssertAt(Single(folder), "sku_nodes.csv", 1, "", InputRule.NoRows);
    }

    [Fact]
    public void A_header_only_demand_file_says_it_has_no_rows()
    {
        using var folder = new InputFolder(demand: "sku,location,date,quantity\n");
        AssertAt(Single(folder), "demand.csv", 1, "", InputRule.NoRows);
    }

    [Fact]
    public void One_bad_unit_cost_is_one_error_not_one_per_demand_row()
    {
        using var folder = new InputFolder(skuNodes: InputFolder.SkuNodes.Replace("A,S1,12,", "A,S1,x12,", StringComparison.Ordinal));
        AssertAt(Single(folder), "sku_nodes.csv", 4, "unit_cost", InputRule.UnparsableNumber);
    }

    [Fact]
    public void A_rejected_supplying_node_does_not_make_its_customers_unfed()
    {
        // DC is fed only by PLANT; PLANT's row is rejected, so DC's missing supply is a follow-on, not a second error.
        using var folder = new InputFolder(skuNodes: InputFolder.SkuNodes.Replace("A,PLANT,10,", "A,PLANT,x10,", StringComparison.Ordinal));
        AssertAt(Single(folder), "sku_nodes.csv", 2, "unit_cost", InputRule.UnparsableNumber);
    }

    [Fact]
    public void A_bad_location_type_is_not_followed_by_reference_errors_downstream()
    {
        using var folder = new InputFolder(locations: InputFolder.Locations.Replace("S2,store", "S2,shop", StringComparison.Ordinal));
        AssertAt(Single(folder), "locations.csv", 6, "type", InputRule.OutOfRange);
    }

    [Fact]
    public void A_duplicated_header_column_is_refused()
    {
        using var folder = new InputFolder(demand: "sku,location,date,quantity,quantity\nA,S1,2026-01-01,3,4\n");
        AssertAt(Single(folder), "demand.csv", 1, "quantity", InputRule.DuplicateColumn);
    }

    [Fact]
    public void Latin1_bytes_are_invalid_utf8_at_their_line()
    {
        using var folder = new InputFolder();
        var latin1 = Encoding.Latin1.GetBytes(InputFolder.Locations.Replace("DC,dc", "DC-M\u00fcnchen,dc", StringComparison.Ordinal));
        File.WriteAllBytes(Path.Combine(folder.Path, "locations.csv"), latin1);
        var error = ErrorsOf(folder).First();
        AssertAt(error, "locations.csv", 4, "", InputRule.InvalidEncoding);
    }

    [Fact]
    public void A_utf8_bom_is_accepted()
    {
        using var folder = new InputFolder();
        File.WriteAllText(Path.Combine(folder.Path, "locations.csv"), InputFolder.Locations, new UTF8Encoding(true));
        Assert.Equal(5, PlanningInputLoader.Load(folder.Path).Locations.Count);
    }

    [Fact]
    public void An_unterminated_quote_is_named_as_such_at_the_line_it_opens()
    {
        var rows = string.Concat(Enumerable.Range(0, 300).Select(i => $"A,S2,{new DateOnly(2025, 1, 1).AddDays(i):yyyy-MM-dd},1\n"));
        using var folder = new InputFolder(demand: "sku,location,date,quantity\nA,S1,2026-01-01,3\nA,S1,\"2026-01-02,4\n" + rows);
        var error = Single(folder);
        AssertAt(error, "demand.csv", 3, "", InputRule.MalformedCsv);
        Assert.Contains("unterminated quote", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e200", InputRule.OutOfRange)]
    [InlineData("1e308", InputRule.OutOfRange)]
    [InlineData("1e400", InputRule.UnparsableNumber)]
    [InlineData("NaN", InputRule.UnparsableNumber)]
    public void A_huge_or_non_finite_quantity_is_refused_at_load(string quantity, InputRule rule)
    {
        using var folder = new InputFolder(demand: InputFolder.Demand.Replace("A,S1,2026-01-02,4", "A,S1,2026-01-02," + quantity, StringComparison.Ordinal));
        AssertAt(Single(folder), "demand.csv", 3, "quantity", rule);
    }

    [Theory]
    [InlineData("PLANT,DC,3,0.5", "PLANT,DC,1e9,0.5", "lead_time_mean")]
    [InlineData("PLANT,DC,3,0.5", "PLANT,DC,3,1e9", "lead_time_sd")]
    public void A_lead_time_beyond_the_bound_is_refused(string from, string to, string column)
    {
        using var folder = new InputFolder(lanes: InputFolder.Lanes.Replace(from, to, StringComparison.Ordinal));
        AssertAt(Single(folder), "lanes.csv", 3, column, InputRule.OutOfRange);
    }

    [Fact]
    public void A_cumulative_lead_time_over_the_bound_is_refused_at_the_lane_that_passes_it()
    {
        // SUP -> PLANT 5, processing 1 at PLANT, PLANT -> DC 3, DC -> S2 392: 5 + 1 + 3 + 392 = 401 > 400 (hand sum);
        // the path to S1 (5 + 1 + 3 + 1 = 10) is fine.
        using var folder = new InputFolder(lanes: InputFolder.Lanes.Replace("DC,S2,2,0.5", "DC,S2,392,0.5", StringComparison.Ordinal));
        AssertAt(Single(folder), "lanes.csv", 5, "lead_time_mean", InputRule.OutOfRange);
        using var within = new InputFolder(lanes: InputFolder.Lanes.Replace("DC,S2,2,0.5", "DC,S2,391,0.5", StringComparison.Ordinal));
        Assert.Equal(4, PlanningInputLoader.Load(within.Path).Lanes.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1e300")]
    public void Quantity_per_unit_must_lie_in_zero_to_a_million(string value)
    {
        var lanes = "from,to,lead_time_mean,lead_time_sd,quantity_per_unit\nSUP,PLANT,5,1,1\nPLANT,DC,3,0.5," + value + "\nDC,S1,1,0,1\nDC,S2,2,0.5,1\n";
        using var folder = new InputFolder(lanes: lanes);
        AssertAt(Single(folder), "lanes.csv", 3, "quantity_per_unit", InputRule.OutOfRange);
    }

    [Theory]
    [InlineData("1e12", InputRule.OutOfRange)]
    [InlineData("1.5", InputRule.OutOfRange)]
    public void Max_service_time_is_a_bounded_whole_number(string value, InputRule rule)
    {
        using var folder = new InputFolder(skuNodes: InputFolder.SkuNodes.Replace("A,S1,12,0.25,0.95,0,0", "A,S1,12,0.25,0.95," + value + ",0", StringComparison.Ordinal));
        AssertAt(Single(folder), "sku_nodes.csv", 4, "max_service_time", rule);
    }

    [Theory]
    [InlineData("NaN:1", InputRule.UnparsableNumber)]
    [InlineData("Infinity:1", InputRule.UnparsableNumber)]
    [InlineData("5:NaN", InputRule.UnparsableNumber)]
    [InlineData("4:0.5;6:0.4", InputRule.OutOfRange)]
    [InlineData("5:1.5;6:-0.5", InputRule.OutOfRange)]
    public void A_lead_time_distribution_needs_finite_periods_and_probabilities_summing_to_one(string distribution, InputRule rule)
    {
        using var folder = new InputFolder(lanes: Lanes("SUP,PLANT,5,1," + distribution));
        AssertAt(Single(folder), "lanes.csv", 2, "lead_time_distribution", rule);
    }

    [Fact]
    public void A_distribution_that_disagrees_with_lead_time_mean_is_refused()
    {
        // Mean of 12:0.3;14:0.4;17:0.3 is 14.3 (closed form), declared 5.
        using var folder = new InputFolder(lanes: Lanes("SUP,PLANT,5,1,12:0.3;14:0.4;17:0.3"));
        AssertAt(Single(folder), "lanes.csv", 2, "lead_time_mean", InputRule.InconsistentDistribution);
    }

    [Fact]
    public void An_empty_lead_time_sd_is_taken_from_the_distribution()
    {
        // 12:0.3;14:0.4;17:0.3: E[L] = 14.3, E[L^2] = 208.3, sd = sqrt(208.3 - 14.3^2) = sqrt(3.81) (closed form).
        using var folder = new InputFolder(lanes: Lanes("SUP,PLANT,14.3,,12:0.3;14:0.4;17:0.3"));
        var lane = PlanningInputLoader.Load(folder.Path).Lanes.Single(l => l.From == "SUP");
        Assert.Equal(Math.Sqrt(3.81), lane.LeadTime.StandardDeviation, 9);
    }

    [Fact]
    public void A_demand_date_typo_years_ahead_is_an_implausible_date_at_its_line()
    {
        var rows = string.Concat(Enumerable.Range(0, 60).Select(i => $"A,S1,{new DateOnly(2026, 1, 1).AddDays(i):yyyy-MM-dd},3\n"));
        using var folder = new InputFolder(demand: "sku,location,date,quantity\n" + rows + "A,S2,2206-01-05,4\n");
        AssertAt(Single(folder), "demand.csv", 62, "date", InputRule.ImplausibleDate);
    }

    [Fact]
    public void A_single_period_of_history_is_insufficient()
    {
        using var folder = new InputFolder(demand: "sku,location,date,quantity\nA,S1,2026-01-01,3\nA,S2,2026-01-01,4\n");
        AssertAt(Single(folder), "demand.csv", 2, "date", InputRule.InsufficientHistory);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("+1")]
    [InlineData("@SUM")]
    [InlineData("-X")]
    public void Ids_that_a_spreadsheet_would_run_as_formulas_are_refused(string id)
    {
        var escaped = "\"" + id.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        using var folder = new InputFolder(locations: InputFolder.Locations + escaped + ",store,0\n");
        AssertAt(Single(folder), "locations.csv", 7, "location", InputRule.OutOfRange);
    }

    [Fact]
    public void A_serial_chain_of_fifty_thousand_locations_is_refused_without_recursion()
    {
        // A chain of 50,000 stages: the checks walk it iteratively (a recursive walk overflowed the stack) and report the
        // path-length bound once, at the lane that passes it (line 2 + MaxPathLanes: the lanes are in chain order).
        const int n = 50_000;
        var locations = new StringBuilder("location,type\nSUP,supplier\n");
        var lanes = new StringBuilder("from,to,lead_time_mean\n");
        var nodes = new StringBuilder("sku,location,unit_cost,holding_cost_rate,service_level\n");
        var previous = "SUP";
        for (var i = 0; i < n; i++)
        {
            var id = i == n - 1 ? "S1" : $"L{i}";
            locations.Append(id).Append(i == n - 1 ? ",store\n" : ",dc\n");
            lanes.Append(previous).Append(',').Append(id).Append(",0\n");
            nodes.Append("A,").Append(id).Append(",1,0.2,0.9\n");
            previous = id;
        }

        using var folder = new InputFolder(locations: locations.ToString(), lanes: lanes.ToString(), skuNodes: nodes.ToString(),
            demand: "sku,location,date,quantity\nA,S1,2026-01-01,3\nA,S1,2026-01-02,4\n", signals: null);
        AssertAt(Single(folder), "lanes.csv", 2 + InputLimits.MaxPathLanes, "to", InputRule.OutOfRange);
    }

    [Fact]
    public void A_cycle_closing_a_long_chain_is_found_iteratively()
    {
        const int n = 50_000;
        var locations = new StringBuilder("location,type\nSUP,supplier\n");
        var lanes = new StringBuilder("from,to,lead_time_mean\nSUP,L0,1\n");
        var nodes = new StringBuilder("sku,location,unit_cost,holding_cost_rate,service_level\n");
        for (var i = 0; i < n; i++)
        {
            locations.Append($"L{i},dc\n");
            nodes.Append($"A,L{i},1,0.2,0.9\n");
            if (i > 0)
            {
                lanes.Append($"L{i - 1},L{i},0\n");
            }
        }

        lanes.Append($"L{n - 1},L0,0\n");
        using var folder = new InputFolder(locations: locations.ToString(), lanes: lanes.ToString(), skuNodes: nodes.ToString(),
            demand: "sku,location,date,quantity\n", signals: null);
        var errors = ErrorsOf(folder);
        Assert.Contains(errors, e => e.File == "lanes.csv" && e.Line == n + 2 && e.Rule == InputRule.NetworkCycle);
    }

    private static string Lanes(string firstLane) =>
        "from,to,lead_time_mean,lead_time_sd,lead_time_distribution\n" + firstLane + "\nPLANT,DC,3,0.5,\nDC,S1,1,0,\nDC,S2,2,0.5,\n";
}
