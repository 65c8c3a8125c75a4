using System.Security.Cryptography;
using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline.Sharding;

namespace MeioForecast.Storage.Input;

/// <summary>
/// Loads and validates an input folder (docs/input-format.md) into a <see cref="PlanningInput"/>. Every file is
/// checked and all errors are collected (up to 50 per file) before one <see cref="InputValidationException"/> is thrown.
/// </summary>
public static class PlanningInputLoader
{
    /// <summary>Loads <paramref name="folder"/>; throws <see cref="InputValidationException"/> listing every error found.</summary>
    public static PlanningInput Load(string folder) => Load(folder, keepSku: null);

    /// <summary>
    /// Loads the input of shard <paramref name="shard"/> only (<see cref="ShardFilter.Apply"/> of the whole input, without
    /// ever holding the other shards' demand or sku-scoped signals): demand.csv and signals.csv are streamed and filtered
    /// to the shard's skus while parsing; the network files are read whole (they are small) and the forecast origin is
    /// the whole demand file's. Rows of other shards' skus are not validated here (their shard does that).
    /// </summary>
    public static PlanningInput Load(string folder, ShardSpec shard)
    {
        shard.Validate();
        return ShardFilter.Apply(Load(folder, shard.Owns), shard);
    }

    private static PlanningInput Load(string folder, Func<string, bool>? keepSku)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new InputValidationException([new InputError(folder, 0, "", InputRule.MissingFile, $"input folder '{folder}' does not exist")]);
        }

        // Files are read in dependency order; each remembers the keys of its rejected rows so that references to them
        // downstream are not reported again (root causes first).
        var errors = new InputErrors();
        var settings = SettingsReader.Read(folder, errors, out var signalLines);
        var knownLocations = new KnownKeys<string>(StringComparer.Ordinal);
        var knownNodes = new KnownKeys<SkuNode>();
        var knownSkus = new KnownKeys<string>(StringComparer.Ordinal);
        var locations = NetworkReader.ReadLocations(folder, errors, knownLocations);
        var nodes = NetworkReader.ReadSkuNodes(folder, locations, knownLocations, errors, knownNodes, knownSkus);
        var (lanes, laneRead) = LaneReader.Read(folder, locations, knownLocations, knownSkus, errors);
        NetworkChecks.Check(lanes, nodes, errors);
        NetworkChecks.CheckInboundLanes(nodes, lanes, locations, laneRead, knownNodes, errors);
        var demand = DemandReader.Read(folder, settings?.Period ?? PeriodKind.Day, knownNodes, knownSkus, errors, keepSku);
        var signals = SignalsReader.Read(folder, knownSkus, knownLocations, errors, keepSku);
        if (settings?.AvailabilitySignal is { } availability && !signals.Kinds.ContainsKey(availability))
        {
            errors.Add(InputFiles.Settings, signalLines["availability_signal"], "value", InputRule.UnknownReference, $"availability_signal '{availability}' is not a signal of {InputFiles.Signals}");
        }

        if (settings?.PromotionSignal is { } promotion && (!signals.Kinds.TryGetValue(promotion, out var kind) || kind != Core.Demand.SignalKind.KnownInAdvance))
        {
            errors.Add(InputFiles.Settings, signalLines["promotion_signal"], "value", InputRule.UnknownReference, $"promotion_signal '{promotion}' is not a known-in-advance signal of {InputFiles.Signals}");
        }

        errors.ThrowIfAny();
        return new PlanningInput(
            settings!,
            locations,
            lanes.Select(l => l.Lane).ToArray(),
            nodes.Select(n => n.Node).OrderBy(n => n.Key).ToArray(),
            demand,
            signals);
    }

    /// <summary>
    /// Checks that <paramref name="input"/> can be forecast from the end of its demand history over the settings'
    /// horizon: every known signal a series has at its last period has a value on each forecast period (the forecasters'
    /// <see cref="Forecasting.FutureSignalRule"/>); throws <see cref="InputValidationException"/> naming signals.csv, the
    /// signal, a sku-node and its first date without a value. The verbs that plan past the history call it before any
    /// fit; those that forecast inside it (backtests) do not need it.
    /// </summary>
    public static void CheckFutureSignals(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new InputErrors();
        FutureSignalCheck.Check(input, errors);
        errors.ThrowIfAny();
    }

    /// <summary>SHA-256 (hex) over the names and bytes of the input files present, in name order: the run's input fingerprint.</summary>
    public static string Fingerprint(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in InputFiles.All)
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
