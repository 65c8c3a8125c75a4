namespace MeioForecast.Optimization.Gsm;

/// <summary>The shape of a GSM network, from the most to the least special.</summary>
public enum GsmTopology
{
    /// <summary>Every stage has at most one upstream and one downstream stage (a chain, or several).</summary>
    Serial,

    /// <summary>A tree in which every stage has at most one downstream stage.</summary>
    Assembly,

    /// <summary>A tree in which every stage has at most one upstream stage.</summary>
    Distribution,

    /// <summary>A spanning tree (forest) mixing assembly and distribution: no undirected cycle.</summary>
    SpanningTree,

    /// <summary>An acyclic network with undirected cycles (e.g. a shared component feeding two products).</summary>
    GeneralAcyclic,
}
