using System.Text;
using MeioForecast.Storage.Reports;

namespace MeioForecast.Storage.Tests.Reports;

/// <summary>Parsing a run's files for the report: columns by name, optional files, errors naming file and column.</summary>
public class RunReportReaderTests
{
    private static Dictionary<string, ReadOnlyMemory<byte>> Files(params (string Name, string Text)[] files) =>
        files.ToDictionary(f => f.Name, f => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Text), StringComparer.Ordinal);

    private static readonly (string, string) Targets = ("targets.csv",
        "sku,location,service_level,outbound_service_time,inbound_service_time,net_replenishment_time,mean_demand_per_period,safety_stock,base_stock,holding_cost,achieved_service,calibrated_service_level\n"
        + "A,S1,0.95,0,3,3,10,1200.5,1300,240.1,0.96,0.96\nA,S2,0.9,0,3,3,10,800,900,160,,\n");

    private static readonly (string, string) Forecasts = ("forecasts.csv", "sku,location,date,method,q0.1,q0.5,q0.9\nA,S1,2026-11-01,gbdt+ssa,5,10,15\n");

    private static readonly (string, string) Explanations = ("explanations.csv",
        "sku,location,driver,contribution,unit,measure,baseline,previous,current\nA,S1,demand_level,200.5,units,safety_stock,previous_run,1000,1200.5\n");

    private static readonly (string, string) Summary = ("explanation_summary.csv",
        "rank,sku,location,baseline,previous_safety_stock,safety_stock,change,change_percent,sentence\n1,A,S1,previous_run,1000,1200.5,200.5,20.05,\"Safety stock at S1 for SKU A rose 201 units (+20%): demand level +201, \"\"quoted\"\"\"\n");

    private static readonly Dictionary<string, string> Settings = new() { ["explained_against"] = "r1" };

    [Fact]
    public void Reads_every_file_by_column_name()
    {
        var data = RunReportReader.Read("r2", DateTimeOffset.UnixEpoch, "0.1.0", Settings, Files(Targets, Forecasts, Explanations, Summary), input: null);
        Assert.Equal(2, data.Targets.Count);
        Assert.Equal((1200.5, 240.1, 0.96), (data.Targets[0].SafetyStock, data.Targets[0].HoldingCost, data.Targets[0].AchievedService!.Value));
        Assert.Null(data.Targets[1].AchievedService);
        Assert.Equal([0.1, 0.5, 0.9], data.QuantileLevels);
        Assert.Equal([5.0, 10, 15], data.Forecasts[0].Quantiles);
        Assert.Equal(200.5, data.Explanations.Single().Contribution);
        Assert.EndsWith("\"quoted\"", data.Sentences.Single().Sentence, StringComparison.Ordinal);
        Assert.Equal("run r1", data.ExplainedAgainst);
        Assert.Null(data.Service);
        Assert.Null(data.FeatureContributions); // no explanation_details.csv: the report says so
        Assert.Empty(data.Nodes);
    }

    [Fact]
    public void Reads_the_service_check_and_the_drilldown_when_present()
    {
        const string metrics = """
            { "service_check": { "placement": { "method": "network-gsm", "customer_service": 0.9658, "customer_target": 0.9648, "nodes_below_target": 0,
              "safety_stock": 12503.1, "holding_cost": 14419.8, "expedited_units_per_period": 1095.2 }, "single_echelon": null,
              "safety_stock_saving": null, "holding_cost_saving": null } }
            """;
        var data = RunReportReader.Read("r2", DateTimeOffset.UnixEpoch, "0.1.0", Settings,
            Files(Targets, Forecasts, Explanations, ("metrics.json", metrics), ("explanation_details.csv", "sku,location,driver,detail,contribution,unit\nA,S1,demand_level,promotion,31,units\n")), input: null);
        Assert.NotNull(data.Service);
        Assert.Equal(12503.1, data.Service.Placement.SafetyStock);
        Assert.Null(data.Service.SingleEchelon);
        Assert.Equal(("promotion", 31.0), (data.FeatureContributions!.Single().Detail, data.FeatureContributions!.Single().Contribution));
    }

    [Fact]
    public void A_missing_column_or_bad_number_names_the_file_line_and_column()
    {
        var noSafetyStock = ("targets.csv", "sku,location\nA,S1\n");
        var ex = Assert.Throws<InvalidDataException>(() => RunReportReader.Read("r", DateTimeOffset.UnixEpoch, "0", Settings, Files(noSafetyStock, Forecasts, Explanations), null));
        Assert.Contains("targets.csv: column 'service_level' is missing", ex.Message, StringComparison.Ordinal);
        var badNumber = ("explanations.csv", "sku,location,driver,contribution,unit,measure,baseline,previous,current\nA,S1,demand_level,x,units,safety_stock,previous_run,1,2\n");
        ex = Assert.Throws<InvalidDataException>(() => RunReportReader.Read("r", DateTimeOffset.UnixEpoch, "0", Settings, Files(Targets, Forecasts, badNumber), null));
        Assert.Contains("explanations.csv line 2, column 'contribution': 'x' is not a number", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<InvalidDataException>(() => RunReportReader.Read("r", DateTimeOffset.UnixEpoch, "0", Settings, Files(Targets, Explanations), null));
        Assert.Contains("forecasts.csv", ex.Message, StringComparison.Ordinal);
    }
}
