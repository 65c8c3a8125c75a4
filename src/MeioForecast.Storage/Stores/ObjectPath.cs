namespace MeioForecast.Storage.Stores;

/// <summary>Validation of object paths: relative, '/'-separated, no empty, '.' or '..' segments, bounded length.</summary>
public static class ObjectPath
{
    /// <summary>Longest accepted path, in characters (Azure blob names allow 1,024).</summary>
    public const int MaxLength = 1024;

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="path"/> is not a safe relative object path.</summary>
    public static string Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Length > MaxLength)
        {
            throw new ArgumentException($"An object path must have 1..{MaxLength} characters.", nameof(path));
        }

        if (path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || path.Any(char.IsControl))
        {
            throw new ArgumentException($"Object path '{path}' must be relative, use '/' and contain no control characters.", nameof(path));
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                throw new ArgumentException($"Object path '{path}' has an empty, '.' or '..' segment.", nameof(path));
            }
        }

        return path;
    }

    /// <summary>Joins segments with '/' and validates the result.</summary>
    public static string Combine(params string[] segments) => Validate(string.Join('/', segments));
}
