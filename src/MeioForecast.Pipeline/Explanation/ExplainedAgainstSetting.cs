namespace MeioForecast.Pipeline.Explanation;

/// <summary>The manifest setting that names the run a run's explanations compared with.</summary>
public static class ExplainedAgainstSetting
{
    /// <summary>The settings key.</summary>
    public const string Key = "explained_against";

    /// <summary>Its value when there was no previous run with drivers (explained against single-echelon placement).</summary>
    public const string None = "single-echelon";
}
