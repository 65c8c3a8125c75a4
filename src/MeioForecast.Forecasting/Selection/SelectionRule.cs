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
}
