namespace MeioForecast.Optimization.Gsm;

/// <summary>Thrown when the arcs of a GSM network form a directed cycle; <see cref="Cycle"/> names it.</summary>
public sealed class NetworkCycleException : Exception
{
    /// <summary>Creates the exception for the cycle <paramref name="cycle"/> (stage ids, first repeated at the end).</summary>
    public NetworkCycleException(IReadOnlyList<string> cycle)
        : base("The network has a cycle: " + string.Join(" -> ", cycle) + ".")
    {
        Cycle = cycle;
    }

    /// <summary>Creates the exception with a message.</summary>
    public NetworkCycleException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NetworkCycleException(string message)
        : base(message)
    {
        Cycle = [];
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public NetworkCycleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Cycle = [];
    }

    /// <summary>The stage ids along the cycle, starting at the stage listed first in the network, repeated at the end.</summary>
    public IReadOnlyList<string> Cycle { get; }
}
