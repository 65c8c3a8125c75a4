namespace MeioForecast.Storage.Stores;

/// <summary>An object read from the store, with its version tag.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="ETag">The version tag, for conditional replacement.</param>
public sealed record StoredObject(ReadOnlyMemory<byte> Content, string ETag);
