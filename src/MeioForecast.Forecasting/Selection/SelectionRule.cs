namespace MeioForecast.Forecasting.Selection;

/// <summary>How <see cref="SelectingForecaster"/> turns the candidates' backtest losses into one forecast per sku-node.</summary>
public enum SelectionRule
{
    /// <summary>The candidate with the lowest backtest pinball loss serves the sku-node (ties: the first candidate).</summary>
    Select,

    /// <summary>
    /// Vincentization: the quantiles of all candidates are averaged level by level with weights proportional to the inverse
    /// of their backtest pinball loss (Lichtendahl, Grushka-Cockayne &amp; Winkler 2013, "Is it better to average
    /// probabilities or quantiles?", Management Science 59(7)).
    /// </summary>
    Combine,

    /// <summary>
    /// Vincentization with one set of weights for every sku-node the candidates serve: the weights on a 0.05 grid of the
    /// simplex that minimise the pooled pinball loss (in units, over all levels, periods and sku-nodes) of the
    /// backtest, a linear pool of quantiles fitted like stacking (Wolpert 1992, Neural Networks 5(2)). One backtest
    /// origin gives a few points per sku-node, too few for weights of its own, but thousands when pooled.
    /// </summary>
    PooledCombine,
}
