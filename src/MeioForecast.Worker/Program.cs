using MeioForecast.Worker;

return await MeioCli.InvokeAsync(args).ConfigureAwait(false);
