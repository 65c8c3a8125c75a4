using System.Security.Cryptography;
using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;

namespace MeioForecast.Storage.Input;

/// <summary>
/// Loads and validates an input folder (docs/input-format.md) into a <see cref="PlanningInput"/>. Every file is
/// checked and all errors are collected (up to 50 per file) before one <see cref="InputValidationException"/> is thrown.
/// </summary>
public static class PlanningInputLoader
{
    /// <summary>Loads <paramref name="folder"/>; throws <see cref="InputValidationException"/> listing every error found.</summary>
    public static PlanningInput Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new InputValidationException([new InputError(folder, 0, "", InputRule.MissingFile, $"input folder '{folder}' does not exist")]);
        }

        var errors = new InputErrors();
        var settings = SettingsReader.Read(folder, errors);
        var locations = NetworkReader.ReadLocations(folder, errors);
        var nodes = NetworkReader.ReadSkuNodes(folder, locations, errors);
        var skus = nodes.Select(n => n.Node.Key.Sku).ToHashSet(StringComparer.Ordinal);
        var lanes = NetworkReader.ReadLanes(folder, locations, skus, errors);
        NetworkReader.CheckCycles(lanes, skus.Order(StringComparer.Ordinal), errors);
        NetworkReader.CheckInboundLanes(nodes, lanes, locations, errors);
        var nodeKeys = nodes.Select(n => n.Node.Key).ToHashSet();
        var demand = DemandReader.Read(folder, settings?.Period ?? PeriodKind.Day, nodeKeys, skus, errors);
        var signals = SignalsReader.Read(folder, skus, locations.Keys.ToHashSet(StringComparer.Ordinal), errors);
        errors.ThrowIfAny();
        return new PlanningInput(
            settings!,
            locations,
            lanes.Select(l => l.Lane).ToArray(),
            nodes.Select(n => n.Node).OrderBy(n => n.Key).ToArray(),
            demand,
            signals);
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
                hash.AppendData(File.ReadAllBytes(path));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
