namespace MeioForecast.Forecasting.Gbt;

/// <summary>The engine that grows the trees of a GBDT (<see cref="GbdtOptions.Engine"/>).</summary>
public enum GbdtEngine
{
    /// <summary>LightGBM 4.x through its C API (lib_lightgbm, deterministic=true): the models are LightGBM text models.</summary>
    LightGbm = 0,

    /// <summary>Our histogram learner (<see cref="GbdtTrainer"/>): the models are <see cref="GbdtModelSerializer"/> JSON.</summary>
    Native = 1,
}
