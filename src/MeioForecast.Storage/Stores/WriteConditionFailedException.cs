namespace MeioForecast.Storage.Stores;

/// <summary>A conditional write was refused: the object exists (create-only) or changed since it was read (ETag).</summary>
public sealed class WriteConditionFailedException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public WriteConditionFailedException(string path, WriteCondition condition)
        : base(condition.IfNotExists
            ? $"'{path}' already exists and the write was create-only."
            : $"'{path}' changed since it was read (ETag {condition.IfMatch} no longer current).")
    {
        Path = path;
    }

    /// <summary>Creates the error.</summary>
    public WriteConditionFailedException() : base("A conditional write was refused.") => Path = "";

    /// <summary>Creates the error.</summary>
    public WriteConditionFailedException(string message) : base(message) => Path = "";

    /// <summary>Creates the error.</summary>
    public WriteConditionFailedException(string message, Exception innerException) : base(message, innerException) => Path = "";

    /// <summary>The object path.</summary>
    public string Path { get; }
}
