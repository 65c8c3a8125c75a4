using MeioForecast.Simulation.Results;

namespace MeioForecast.Simulation.Engine;

/// <summary>Records replication 0's measured periods per stage.</summary>
internal sealed class TraceRecorder
{
    private readonly SimulationPlan _plan;
    private readonly double[][] _demand, _received, _onHand, _backorders, _expedited;

    public TraceRecorder(SimulationPlan plan)
    {
        _plan = plan;
        _demand = Make(plan);
        _received = Make(plan);
        _onHand = Make(plan);
        _backorders = Make(plan);
        _expedited = Make(plan);
    }

    public void Received(int j, int t, double units)
    {
        if (t >= _plan.WarmUp)
        {
            _received[j][t - _plan.WarmUp] = units;
        }
    }

    public void Record(int j, int t, double demand, double onHand, double backorders, double expedited)
    {
        var p = t - _plan.WarmUp;
        _demand[j][p] = demand;
        _onHand[j][p] = onHand;
        _backorders[j][p] = backorders;
        _expedited[j][p] = expedited;
    }

    public IReadOnlyList<StageTrace> ToTraces() =>
        Enumerable.Range(0, _plan.StageCount).Select(j => new StageTrace
        {
            StageId = _plan.Ids[j],
            Demand = _demand[j],
            Received = _received[j],
            OnHand = _onHand[j],
            Backorders = _backorders[j],
            Expedited = _expedited[j],
        }).ToList();

    private static double[][] Make(SimulationPlan plan) =>
        Enumerable.Range(0, plan.StageCount).Select(_ => new double[plan.Periods]).ToArray();
}
