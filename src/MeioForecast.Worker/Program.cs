using MeioForecast.Worker;

return await MeioCli.Create().Parse(args).InvokeAsync(MeioCli.Invocation).ConfigureAwait(false);
