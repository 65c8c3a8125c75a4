namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Progress of one GBDT fit, reported after every tree and once at the end (<see cref="Done"/>, with the trees kept
/// after early stopping). Library code only reports through <see cref="IProgress{T}"/>; the host logs or prints it.
/// </summary>
/// <param name="Alpha">The quantile level of the model (the objective's alpha; 0.5 for non-quantile objectives).</param>
/// <param name="Trees">Trees grown so far (at the end: kept).</param>
/// <param name="MaxTrees">The iteration budget (NumIterations).</param>
/// <param name="Done">True for the final report of the fit.</param>
/// <param name="Refit">True for the second pass of a refit on all rows (<see cref="MultiQuantileGbdt.Fit"/> with its
/// refit rows), which grows the tree count the first pass kept.</param>
public sealed record GbdtProgress(double Alpha, int Trees, int MaxTrees, bool Done, bool Refit = false);
