using MeioForecast.Worker;

return await MeioCli.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
