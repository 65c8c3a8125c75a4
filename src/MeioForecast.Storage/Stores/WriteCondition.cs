namespace MeioForecast.Storage.Stores;

/// <summary>A precondition of a write: none, create-only, or replace only the version with a given ETag.</summary>
public sealed record WriteCondition
{
    private WriteCondition(string? ifMatch, bool ifNotExists)
    {
        IfMatch = ifMatch;
        IfNotExists = ifNotExists;
    }

    /// <summary>Write unconditionally.</summary>
    public static WriteCondition None { get; } = new(null, false);

    /// <summary>Create only: fail when the object exists (HTTP If-None-Match: *).</summary>
    public static WriteCondition CreateOnly { get; } = new(null, true);

    /// <summary>The ETag the current object must have (HTTP If-Match), or null.</summary>
    public string? IfMatch { get; }

    /// <summary>True for create-only.</summary>
    public bool IfNotExists { get; }

    /// <summary>Replace only the version with ETag <paramref name="etag"/>.</summary>
    public static WriteCondition MatchETag(string etag) => new(etag, false);
}
