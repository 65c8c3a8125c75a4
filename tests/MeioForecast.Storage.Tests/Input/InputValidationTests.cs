using MeioForecast.Storage.Input;

namespace MeioForecast.Storage.Tests.Input;

/// <summary>One malformed file per rule of docs/input-format.md; each error must name file, line, field and rule.</summary>
public class InputValidationTests
{
    private static IReadOnlyList<InputError> ErrorsOf(InputFolder folder) =>
        Assert.Throws<InputValidationException>(() => PlanningInputLoader.Load(folder.Path)).Errors;

    private static void AssertError(IReadOnlyList<InputError> errors, string file, int line, string column, InputRule rule) =>
        Assert.Contains(errors, e => e.File == file && e.Line == line && e.Column == column && e.Rule == rule);

    [Fact]
    public void Missing_column_names_the_column_on_the_header_line()
    {
        using var folder = new InputFolder(demand: "sku,location,date\nA,S1,2026-01-01\n");
        AssertError(ErrorsOf(folder), "demand.csv", 1, "quantity", InputRule.MissingColumn);
    }

    [Fact]
    public void Missing_required_file_is_reported()
    {
        using var folder = new InputFolder();
        File.Delete(Path.Combine(folder.Path, "lanes.csv"));
        AssertError(ErrorsOf(folder), "lanes.csv", 0, "", InputRule.MissingFile);
    }

    [Fact]
    public void Unparsable_number_names_line_and_field()
    {
        using var folder = new InputFolder(demand: "sku,location,date,quantity\nA,S1,2026-01-01,3\nA,S1,2026-01-02,4,5\nA,S2,2026-01-01,1\n".Replace("4,5", "4;5", StringComparison.Ordinal));
        AssertError(ErrorsOf(folder), "demand.csv", 3, "quantity", InputRule.UnparsableNumber);
    }

    [Fact]
    public void Decimal_comma_is_not_a_number()
    {
        using var folder = new InputFolder(skuNodes: InputFolder.SkuNodes.Replace("A,DC,11,", "A,DC,\"11,5\",", StringComparison.Ordinal));
        AssertError(ErrorsOf(folder), "sku_nodes.csv", 3, "unit_cost", InputRule.UnparsableNumber);
    }

    [Fact]
    public void Unparsable_date_names_line_and_field()
    {
        using var folder = new InputFolder(demand: "sku,location,date,quantity\nA,S1,2026-01-01,3\nA,S1,01/02/2026,4\n");
        AssertError(ErrorsOf(folder), "demand.csv", 3, "date", InputRule.UnparsableDate);
    }

    [Fact]
    public void Negative_quantity_is_refused()
    {
        using var folder = new InputFolder(demand: "sku,location,date,quantity\nA,S1,2026-01-01,3\nA,S1,2026-01-02,-4\n");
        AssertError(ErrorsOf(folder), "demand.csv", 3, "quantity", InputRule.NegativeValue);
    }

    [Fact]
    public void Unknown_sku_and_location_references_are_reported()
    {
        using var folder = new InputFolder(
            demand: "sku,location,date,quantity\nA,S1,2026-01-01,3\nB,S1,2026-01-01,4\nA,S9,2026-01-01,4\n",
            lanes: InputFolder.Lanes + "DC,S7,1,0\n",
            skuNodes: InputFolder.SkuNodes + "A,NOWHERE,1,0.2,0.9,,0\n");
        var errors = ErrorsOf(folder);
        AssertError(errors, "demand.csv", 3, "sku", InputRule.UnknownReference);
        AssertError(errors, "demand.csv", 4, "location", InputRule.UnknownReference);
        AssertError(errors, "lanes.csv", 6, "to", InputRule.UnknownReference);
        AssertError(errors, "sku_nodes.csv", 6, "location", InputRule.UnknownReference);
    }

    [Fact]
    public void Duplicate_keys_are_reported_in_every_file()
    {
        using var folder = new InputFolder(
            locations: InputFolder.Locations + "DC,dc,1\n",
            skuNodes: InputFolder.SkuNodes + "A,S1,12,0.25,0.95,0,0\n",
            lanes: InputFolder.Lanes + "DC,S1,4,0\n",
            demand: InputFolder.Demand + "A,S1,2026-01-02,9\n",
            signals: InputFolder.Signals + "2026-01-01,price,known,2.7,A,\n");
        var errors = ErrorsOf(folder);
        AssertError(errors, "locations.csv", 7, "location", InputRule.DuplicateKey);
        AssertError(errors, "sku_nodes.csv", 6, "location", InputRule.DuplicateKey);
        AssertError(errors, "lanes.csv", 6, "to", InputRule.DuplicateKey);
        AssertError(errors, "demand.csv", 6, "date", InputRule.DuplicateKey);
        AssertError(errors, "signals.csv", 5, "date", InputRule.DuplicateKey);
    }

    [Fact]
    public void Cycle_in_the_network_is_named()
    {
        using var folder = new InputFolder(lanes: InputFolder.Lanes + "S1,PLANT,1,0\n");
        var errors = ErrorsOf(folder);
        var cycle = Assert.Single(errors, e => e.Rule == InputRule.NetworkCycle);
        Assert.Equal(("lanes.csv", 6, "to"), (cycle.File, cycle.Line, cycle.Column));
        Assert.Contains("S1 -> PLANT -> DC -> S1", cycle.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("-0.5")]
    public void Service_target_outside_the_open_unit_interval_is_refused(string level)
    {
        using var folder = new InputFolder(skuNodes: InputFolder.SkuNodes.Replace("A,S1,12,0.25,0.95", "A,S1,12,0.25," + level, StringComparison.Ordinal));
        AssertError(ErrorsOf(folder), "sku_nodes.csv", 4, "service_level", InputRule.OutOfRange);
    }

    [Fact]
    public void Lane_without_lead_time_is_refused()
    {
        using var folder = new InputFolder(lanes: "from,to,lead_time_mean,lead_time_sd\nSUP,PLANT,5,1\nPLANT,DC,,0.5\nDC,S1,1,0\nDC,S2,2,0.5\n");
        AssertError(ErrorsOf(folder), "lanes.csv", 3, "lead_time_mean", InputRule.MissingLeadTime);
    }

    [Fact]
    public void Store_without_inbound_lane_is_refused()
    {
        using var folder = new InputFolder(lanes: "from,to,lead_time_mean,lead_time_sd\nSUP,PLANT,5,1\nPLANT,DC,3,0.5\nDC,S1,1,0\n");
        AssertError(ErrorsOf(folder), "sku_nodes.csv", 5, "location", InputRule.NoInboundLane);
    }

    [Fact]
    public void Row_with_wrong_field_count_is_refused()
    {
        using var folder = new InputFolder(locations: InputFolder.Locations + "S3,store\n".Replace("store", "store,0,extra", StringComparison.Ordinal));
        AssertError(ErrorsOf(folder), "locations.csv", 7, "", InputRule.FieldCount);
    }

    [Fact]
    public void Weekly_dates_must_share_a_weekday()
    {
        using var folder = new InputFolder(
            settings: InputFolder.Settings.Replace("period,day", "period,week", StringComparison.Ordinal),
            demand: "sku,location,date,quantity\nA,S1,2026-01-05,3\nA,S1,2026-01-12,4\nA,S1,2026-01-20,4\n");
        AssertError(ErrorsOf(folder), "demand.csv", 4, "date", InputRule.MisalignedDate);
    }

    [Fact]
    public void Bad_settings_are_reported()
    {
        using var folder = new InputFolder(settings: "key,value\nperiod,month\nhorizon,0\nquantile_levels,0.5;0.1\n");
        var errors = ErrorsOf(folder);
        AssertError(errors, "settings.csv", 2, "value", InputRule.OutOfRange);
        AssertError(errors, "settings.csv", 3, "value", InputRule.OutOfRange);
        AssertError(errors, "settings.csv", 4, "value", InputRule.OutOfRange);
    }

    [Fact]
    public void The_availability_signal_must_be_a_signal_of_the_input()
    {
        // Named at settings.csv's line 6, before any forecasting: a misspelt signal would otherwise read every period as observed.
        using (var misspelt = new InputFolder(settings: InputFolder.Settings + "availability_signal,opne\n"))
        {
            AssertError(ErrorsOf(misspelt), "settings.csv", 6, "value", InputRule.UnknownReference);
        }

        using (var empty = new InputFolder(settings: InputFolder.Settings + "availability_signal,\n"))
        {
            AssertError(ErrorsOf(empty), "settings.csv", 6, "value", InputRule.EmptyField);
        }

        using var declared = new InputFolder(settings: InputFolder.Settings + "availability_signal,price\n");
        Assert.Equal("price", PlanningInputLoader.Load(declared.Path).Settings.AvailabilitySignal);
        using var none = new InputFolder();
        Assert.Null(PlanningInputLoader.Load(none.Path).Settings.AvailabilitySignal);
    }

    [Fact]
    public void The_promotion_signal_must_be_a_known_signal_of_the_input()
    {
        // Named at settings.csv's line 6 before any forecasting: its value is read at future periods, so an observed-only
        // signal (temperature) cannot mark promotions.
        using (var misspelt = new InputFolder(settings: InputFolder.Settings + "promotion_signal,promo\n"))
        {
            AssertError(ErrorsOf(misspelt), "settings.csv", 6, "value", InputRule.UnknownReference);
        }

        using (var observed = new InputFolder(settings: InputFolder.Settings + "promotion_signal,temperature\n"))
        {
            AssertError(ErrorsOf(observed), "settings.csv", 6, "value", InputRule.UnknownReference);
        }

        using (var empty = new InputFolder(settings: InputFolder.Settings + "promotion_signal,\n"))
        {
            AssertError(ErrorsOf(empty), "settings.csv", 6, "value", InputRule.EmptyField);
        }

        using var declared = new InputFolder(settings: InputFolder.Settings + "promotion_signal,price\n");
        Assert.Equal("price", PlanningInputLoader.Load(declared.Path).Settings.PromotionSignal);
        using var none = new InputFolder();
        Assert.Null(PlanningInputLoader.Load(none.Path).Settings.PromotionSignal);
    }

    [Fact]
    public void Signal_kind_must_be_known_or_observed()
    {
        using var folder = new InputFolder(signals: InputFolder.Signals + "2026-01-02,promo,planned,1,A,\n");
        AssertError(ErrorsOf(folder), "signals.csv", 5, "kind", InputRule.OutOfRange);
    }

    [Fact]
    public void All_errors_of_a_file_are_collected_up_to_the_limit()
    {
        var rows = string.Concat(Enumerable.Range(1, 80).Select(i => $"A,S1,2026-01-01,x{i}\n"));
        using var folder = new InputFolder(demand: "sku,location,date,quantity\n" + rows);
        var errors = ErrorsOf(folder).Where(e => e.File == "demand.csv").ToList();
        Assert.Equal(InputErrors.PerFileLimit + 1, errors.Count);
        Assert.Equal(Enumerable.Range(2, InputErrors.PerFileLimit), errors.Take(InputErrors.PerFileLimit).Select(e => e.Line));
        Assert.Contains("more than 50 errors", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_lists_file_line_field_and_rule()
    {
        using var folder = new InputFolder(demand: "sku,location,date,quantity\nA,S1,2026-01-01,-1\n");
        var ex = Assert.Throws<InputValidationException>(() => PlanningInputLoader.Load(folder.Path));
        Assert.Contains("demand.csv:2 [quantity]: NegativeValue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_signal_ending_inside_the_horizon_fails_the_plan_naming_signal_node_and_first_missing_date()
    {
        // Demand ends 2026-01-02 and the horizon is 7 days (InputFolder.Settings); price (scoped to sku A, so to A@S1
        // and A@S2) is given up to 2026-01-05: the first forecast date without it is 2026-01-02 + 4 days = 2026-01-06,
        // for both nodes. promo covers the whole horizon (to 2026-01-09) and is not reported.
        var firstMissing = new DateOnly(2026, 1, 2).AddDays(4);
        var price = string.Concat(Enumerable.Range(1, 5).Select(d => $"2026-01-0{d},price,known,2.5,A,\n"));
        var promo = string.Concat(Enumerable.Range(1, 9).Select(d => $"2026-01-0{d},promo,known,0,,\n"));
        using var folder = new InputFolder(signals: "date,signal,kind,value,sku,location\n" + price + promo);

        var ex = Assert.Throws<InputValidationException>(() => new InputFolderSource(folder.Path).Load(null));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("signals.csv", 0, "signal", InputRule.MissingFutureSignal), (error.File, error.Line, error.Column, error.Rule));
        Assert.Contains($"known signal 'price' has a value for A at S1 on the forecast origin 2026-01-02 but none on {firstMissing:yyyy-MM-dd} (and 1 more sku-node)", error.Message, StringComparison.Ordinal);

        // The plain load (backtest, report: no forecast past the history) does not apply the rule.
        Assert.Equal(2, PlanningInputLoader.Load(folder.Path).Demand.Count);
    }

    [Fact]
    public void A_known_signal_the_series_lacks_at_its_last_period_is_a_gap_not_an_error()
    {
        // price has no value on the last demand date 2026-01-02 nor on most of the horizon: the forecasters read it as
        // 0 there (the Rossmann gap rule of SsaSeriesFit.FutureSignals and the GBDT), so the plan needs none.
        using var folder = new InputFolder(signals: "date,signal,kind,value,sku,location\n2026-01-01,price,known,2.5,A,\n2026-01-04,price,known,2.6,A,\n");
        var input = new InputFolderSource(folder.Path).Load(null);
        Assert.Equal(2, input.Demand.Count);
    }
}
