namespace MeioForecast.Forecasting.Gbt;

/// <summary>Loss minimised by <see cref="GbdtTrainer"/> (LightGBM's <c>objective</c> parameter).</summary>
public enum GbdtObjective
{
    /// <summary>Pinball (quantile) loss at level <see cref="GbdtOptions.Alpha"/>; leaves renewed to residual quantiles.</summary>
    Quantile = 0,

    /// <summary>Squared error (<c>regression</c> / <c>l2</c>); leaf value -G/(H+lambda_l2).</summary>
    L2 = 1,

    /// <summary>Absolute error (<c>regression_l1</c>); leaves renewed to residual medians.</summary>
    L1 = 2,
}
