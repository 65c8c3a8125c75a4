namespace MeioForecast.Storage.Stores.Azure;

/// <summary>One page of a List Blobs answer.</summary>
/// <param name="Blobs">Blob names (full, with the store prefix) and sizes, in service order.</param>
/// <param name="NextMarker">The continuation marker, or null on the last page.</param>
internal sealed record BlobListPage(IReadOnlyList<(string Name, long Size)> Blobs, string? NextMarker);
