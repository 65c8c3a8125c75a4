using MeioForecast.Storage.Stores;

namespace MeioForecast.Worker.Hosting;

/// <summary>Optional wrapper of the worker's output store (tests inject faults through it).</summary>
/// <param name="Wrap">Returns the store the worker uses instead of the one it created.</param>
internal sealed record OutputStoreDecorator(Func<IOutputStore, IOutputStore> Wrap);
