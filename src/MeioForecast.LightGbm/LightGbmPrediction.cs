namespace MeioForecast.LightGbm;

/// <summary>What LGBM_BoosterPredictForMat returns (its predict_type).</summary>
public enum LightGbmPrediction
{
    /// <summary>C_API_PREDICT_NORMAL: the model's output (for regression objectives, the raw score).</summary>
    Normal = 0,

    /// <summary>C_API_PREDICT_CONTRIB: TreeSHAP contributions, one per feature and the expected value last.</summary>
    Contributions = 3,
}
