using System.Security.Cryptography;
using System.Text;
using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Forecasting.Trained;
using MeioForecast.Storage.Models;
using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Tests.Azure;
using MeioForecast.Storage.Tests.Runs;

namespace MeioForecast.Storage.Tests.Models;

/// <summary>
/// The model registry on both adapters (local folder, Azurite): a registered model reads back verified and forecasts
/// bit-identically to the stage it was trained as; a model without its manifest (written last) is invisible; an altered
/// file makes it unusable; the id follows its documented rule.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModelRegistryTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly Lazy<(ForecastTrainingData Data, TrainedStage Stage, IForecastModel Model)> Trained = new(() =>
    {
        var data = Data();
        var (stage, model) = TrainedStage.Train(data, Fast);
        return (data, stage, model);
    });

    private static readonly StageOptions Fast = new()
    {
        Selection = new SelectionOptions { Horizon = 14 },
        Gbdt = new GlobalGbdtOptions { Horizon = 14, MaxOrigins = 20, Gbdt = new GlobalGbdtOptions().Gbdt with { NumIterations = 15, MinDataInLeaf = 10, MinDataPerGroup = 10 } },
    };

    private static readonly ModelMetrics Metrics = new(2, 14, 224, [0.1, 0.5, 0.9], [0.25, 0.5, 0.375], 0.1875, 0.8125, 6.5);

    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 15, 0, TimeSpan.Zero);

    private readonly List<string> _folders = [];

    /// <summary>Weekly-seasonal noisy demand over 6 sku-nodes, 180 days.</summary>
    private static ForecastTrainingData Data()
    {
        var rng = new Random(9);
        var series = Enumerable.Range(0, 6).Select(s => new DemandSeries(
            new SkuNode($"S{s / 2}", s % 2 == 0 ? "DC" : "ST"),
            PeriodKind.Day,
            new DateOnly(2024, 1, 1),
            Enumerable.Range(0, 180).Select(t => Math.Round((5 + (8 * s)) * (1 + (0.3 * Math.Sin(2 * Math.PI * t / 7))) * (0.7 + (0.6 * rng.NextDouble())))).ToArray())).ToArray();
        return new ForecastTrainingData(PeriodKind.Day, series, SignalTable.Empty, Seed: 1);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("blob")]
    public async Task A_registered_model_lists_loads_verified_and_forecasts_bit_identically(string kind)
    {
        var (data, stage, model) = Trained.Value;
        var store = await NewStoreAsync(kind);
        var registry = new ModelRegistry(store);
        var manifest = await registry.RegisterAsync(stage, new ModelRegistration(T0, "fp-abc", "9.9.9", Metrics), default);

        var listed = Assert.Single(await registry.ListAsync(default));
        Assert.Equal(manifest.ModelId, listed.Manifest.ModelId);
        Assert.Equal("candidate", listed.Status);
        Assert.Equal(T0, listed.Manifest.CreatedUtc);
        Assert.Equal(("fp-abc", "9.9.9", "day", 14), (listed.Manifest.TrainingFingerprint, listed.Manifest.SoftwareVersion, listed.Manifest.Period, listed.Manifest.Horizon));
        Assert.Equal(stage.FeatureNames, listed.Manifest.FeatureNames);
        Assert.Equal(Metrics.Pinball, listed.Manifest.Metrics.Pinball);
        Assert.Equal((Metrics.Wspl, Metrics.Cov80, Metrics.Width80, Metrics.Points), (listed.Manifest.Metrics.Wspl, listed.Manifest.Metrics.Cov80, listed.Manifest.Metrics.Width80, listed.Manifest.Metrics.Points));
        Assert.Equal(15, listed.Manifest.Options.GetProperty("gbdt").GetProperty("gbdt").GetProperty("num_iterations").GetInt32());

        // The folder holds exactly the stage's files and the manifest; each listed hash is the file's own SHA-256.
        var files = TrainedStageJson.ToFiles(stage);
        var stored = await ToListAsync(store.ListAsync($"models/{manifest.ModelId}/", default));
        Assert.Equal(files.Keys.Append("model.json").Order(StringComparer.Ordinal), stored.Select(p => p[(manifest.ModelId.Length + 8)..]).Order(StringComparer.Ordinal));
        foreach (var entry in manifest.Files)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(files[entry.Path])), entry.Sha256);
        }

        var request = new ForecastRequest(14, [new(0.1), new(0.5), new(0.9)], SignalTable.Empty);
        var expected = model.Predict(request);
        var loaded = await registry.LoadAsync(manifest.ModelId, default);
        var actual = loaded.CreateForecaster().Fit(data).Predict(request);
        Assert.Equal(expected.SelectMany(f => f.Quantiles.Cast<double>()), actual.SelectMany(f => f.Quantiles.Cast<double>()));
        Assert.Equal(expected.Select(f => f.Method), actual.Select(f => f.Method));

        await registry.ApproveAsync(manifest.ModelId, T0.AddHours(1), "gate passed", default);
        var approved = (await registry.TryGetAsync(manifest.ModelId, default))!;
        Assert.Equal("approved", approved.Status);
        Assert.Equal(("gate passed", T0.AddHours(1)), (approved.Approval!.Note, approved.Approval.ApprovedUtc));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("blob")]
    public async Task A_model_whose_manifest_was_not_written_is_invisible(string kind)
    {
        var inner = await NewStoreAsync(kind);
        var failing = new HookedStore(inner) { BeforeWrite = path => path.EndsWith("/model.json", StringComparison.Ordinal) ? throw new IOException("lost") : Task.CompletedTask };
        await Assert.ThrowsAsync<IOException>(() => new ModelRegistry(failing).RegisterAsync(Trained.Value.Stage, new ModelRegistration(T0, "fp", "1", Metrics), default));
        var id = (await ToListAsync(inner.ListAsync("models/", default))).Select(p => p.Split('/')[1]).Distinct().Single();   // its files are there

        var registry = new ModelRegistry(inner);
        Assert.Empty(await registry.ListAsync(default));
        Assert.Null(await registry.TryGetAsync(id, default));
        await Assert.ThrowsAsync<ModelUnavailableException>(() => registry.LoadAsync(id, default));
        await Assert.ThrowsAsync<ModelUnavailableException>(() => registry.ApproveAsync(id, T0, "", default));

        // Registering again completes it (same content, same second: same id).
        var manifest = await registry.RegisterAsync(Trained.Value.Stage, new ModelRegistration(T0, "fp", "1", Metrics), default);
        Assert.Equal(id, manifest.ModelId);
        Assert.Equal(id, Assert.Single(await registry.ListAsync(default)).Manifest.ModelId);

        // And once more: the manifest exists (create-only), the same files are accepted, nothing new appears.
        Assert.Equal(manifest.Files, (await registry.RegisterAsync(Trained.Value.Stage, new ModelRegistration(T0, "fp", "1", Metrics), default)).Files);
        Assert.Single(await registry.ListAsync(default));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("blob")]
    public async Task An_altered_model_file_makes_the_model_unusable(string kind)
    {
        var store = await NewStoreAsync(kind);
        var registry = new ModelRegistry(store);
        var manifest = await registry.RegisterAsync(Trained.Value.Stage, new ModelRegistration(T0, "fp", "1", Metrics), default);
        var path = ModelRegistry.PathOf(manifest.ModelId, manifest.Files.First(f => f.Path.StartsWith("gbdt/", StringComparison.Ordinal)).Path);
        var content = (await store.TryReadAsync(path, default))!.Content.ToArray();
        content[^2] = (byte)(content[^2] == (byte)'1' ? '2' : '1');
        await store.WriteAsync(path, content, WriteCondition.None, default);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => registry.LoadAsync(manifest.ModelId, default));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_picks_the_newest_approved_usable_fitting_model_and_explains_every_skip()
    {
        var (data, stage, _) = Trained.Value;
        var store = await NewStoreAsync("local");
        var registry = new ModelRegistry(store);
        var older = await registry.RegisterAsync(stage, new ModelRegistration(T0, "fp", "1", Metrics), default);
        var altered = await registry.RegisterAsync(stage, new ModelRegistration(T0.AddDays(1), "fp", "1", Metrics), default);
        var candidate = await registry.RegisterAsync(stage, new ModelRegistration(T0.AddDays(2), "fp", "1", Metrics), default);
        await registry.ApproveAsync(older.ModelId, T0, "", default);
        await registry.ApproveAsync(altered.ModelId, T0, "", default);
        await store.WriteAsync(ModelRegistry.PathOf(altered.ModelId, "stage.json"), "{}"u8.ToArray(), WriteCondition.None, default);
        PlanningInput Input(int horizon) => new(new PlanningSettings(PeriodKind.Day, horizon, [new(0.5)], 1), new Dictionary<string, Core.Network.Location>(), [], [], data.Series, SignalTable.Empty);

        // Newest first: the candidate is not approved (silently passed over), the altered one is skipped with its reason.
        var (id, chosen, notes) = await new ModelChoice(registry, ModelChoice.Latest).ResolveAsync(Input(14), default);
        Assert.Equal(older.ModelId, id);
        Assert.NotNull(chosen);
        Assert.Equal([$"model {altered.ModelId} skipped"], notes.Select(n => n[..n.IndexOf(':', StringComparison.Ordinal)]));

        // A 28-day run does not fit the 14-day models: the run trains in-run, and the log says why.
        (id, chosen, notes) = await new ModelChoice(registry, ModelChoice.Latest).ResolveAsync(Input(28), default);
        Assert.Null(id);
        Assert.Null(chosen);
        Assert.Contains(notes, n => n.Contains($"model {older.ModelId} skipped: trained for horizons up to 14, the run needs 28", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("training in the run", StringComparison.Ordinal));

        // Explicit ids: a candidate is allowed; a missing, altered or non-fitting model is refused.
        Assert.Equal(candidate.ModelId, (await new ModelChoice(registry, candidate.ModelId).ResolveAsync(Input(7), default)).ModelId);
        await Assert.ThrowsAsync<ModelUnavailableException>(() => new ModelChoice(registry, "20000101T000000Z-00000000").ResolveAsync(Input(7), default));
        await Assert.ThrowsAsync<ModelUnavailableException>(() => new ModelChoice(registry, altered.ModelId).ResolveAsync(Input(7), default));
        await Assert.ThrowsAsync<ModelUnavailableException>(() => new ModelChoice(registry, older.ModelId).ResolveAsync(Input(28), default));
        Assert.Null((await new ModelChoice(registry, ModelChoice.Train).ResolveAsync(Input(7), default)).ModelId);
    }

    [Fact]
    public void The_model_id_is_the_creation_second_and_the_first_8_hex_of_the_documented_content_hash()
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { ["stage.json"] = "{}"u8.ToArray(), ["gbdt/o0/q0.5.json"] = "[]"u8.ToArray() };
        static string Hex(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));
        var text = $"fp\ngbdt/o0/q0.5.json {Hex("[]"u8.ToArray())}\nstage.json {Hex("{}"u8.ToArray())}\n";
        var expected = "20261122T091500Z-" + Hex(Encoding.UTF8.GetBytes(text))[..8];
        Assert.Equal(expected, ModelRegistry.ModelId(T0.AddMilliseconds(400), "fp", files));
        Assert.NotEqual(expected, ModelRegistry.ModelId(T0, "fp2", files));
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<StoredObjectInfo> items)
    {
        var list = new List<string>();
        await foreach (var item in items)
        {
            list.Add(item.Path);
        }

        return list;
    }

    private async Task<IOutputStore> NewStoreAsync(string kind)
    {
        if (kind == "blob")
        {
            return await azurite.NewStoreAsync("models", prefix: "ml");
        }

        var folder = Directory.CreateTempSubdirectory("meio-models-").FullName;
        _folders.Add(folder);
        return new LocalFolderStore(folder);
    }
}
