using System.Runtime.CompilerServices;

// The Gbt tests check internal pieces (trees, TreeSHAP, percentiles) against brute force.
[assembly: InternalsVisibleTo("MeioForecast.Forecasting.Tests")]
