using MeioForecast.Core.Distributions;
using MeioForecast.Core.LeadTimeDemand;
using MeioForecast.Core.Network;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// The lead-time demand distribution of one node for n whole periods of cover: demand over N = max(0, n + L - E[L])
/// periods of its <see cref="HorizonWindowDemand"/>, L the supply lane's lead time (its <c>lead_time_distribution</c>
/// when given, else a gamma with its mean and sd on whole periods; the compound model of <see cref="RandomPeriodDemand"/>).
/// Independent of the service level, so built once per run and shared by every calibration round. Memoised per n;
/// thread-safe.
/// </summary>
internal sealed class LeadTimeExposure(HorizonWindowDemand window, StagePlan stage)
{
    private readonly Dictionary<int, DemandDistribution> _memo = [];
    private readonly IReadOnlyList<LeadTimeOutcome> _leadTime = stage.Supply is { } lane
        ? RandomPeriodDemand.LeadTimeOutcomes(lane.LeadTime)
        : [new LeadTimeOutcome(0.0, 1.0)];

    /// <summary>The distribution of demand over <paramref name="periods"/> whole periods of cover plus the lead time's deviation.</summary>
    public DemandDistribution At(int periods)
    {
        lock (_memo)
        {
            if (!_memo.TryGetValue(periods, out var exposure))
            {
                exposure = window.Exposure(RandomPeriodDemand.PeriodCounts(_leadTime, (double)periods));
                _memo[periods] = exposure;
            }

            return exposure;
        }
    }
}
