namespace MeioForecast.Optimization.Gsm;

/// <summary>An arc i -&gt; j of the GSM network: stage <see cref="To"/> consumes <see cref="QuantityPerUnit"/> units of <see cref="From"/> per unit.</summary>
/// <param name="From">Upstream stage id (i).</param>
/// <param name="To">Downstream stage id (j); SI_j &gt;= S_i.</param>
/// <param name="QuantityPerUnit">Units of i per unit of j (&gt; 0; 1 for distribution).</param>
public sealed record GsmArc(string From, string To, double QuantityPerUnit = 1.0);
