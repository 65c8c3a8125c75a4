namespace MeioForecast.Storage.Stores;

/// <summary>One entry of a listing.</summary>
/// <param name="Path">Relative path.</param>
/// <param name="Size">Size in bytes.</param>
public sealed record StoredObjectInfo(string Path, long Size);
