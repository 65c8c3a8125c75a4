using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Backtesting.Replay;
using MeioForecast.Storage.Output;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// What <c>meio backtest</c> wraps around the stage's candidates and fallback: live, a <see cref="RecordingForecaster"/>
/// (a fit on a history already seen is reused: with windows half a horizon apart the stage fits each origin once instead
/// of twice; with <c>--record DIR</c> every prediction is kept and written to DIR); with <c>--replay DIR</c>, a
/// <see cref="ReplayForecaster"/> serving the recorded predictions, so only the combination and calibration rules run.
/// </summary>
internal sealed class BacktestRecording
{
    private readonly string? _folder;
    private readonly ForecastRecord? _record;
    private readonly bool _replay;
    private readonly List<RecordingForecaster> _live = [];

    private BacktestRecording(string? folder, ForecastRecord? record, bool replay)
    {
        _folder = folder;
        _record = record;
        _replay = replay;
    }

    /// <summary>From the <c>--record</c> and <c>--replay</c> options (at most one).</summary>
    public static BacktestRecording Create(string? record, string? replay)
    {
        if (record is not null && replay is not null)
        {
            throw new ConfigurationException("--record and --replay exclude each other: record a live run, then replay it.");
        }

        if (replay is null)
        {
            return new BacktestRecording(record, record is null ? null : new ForecastRecord(), replay: false);
        }

        try
        {
            return new BacktestRecording(null, ForecastRecordFiles.Read(replay), replay: true);
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationException($"--replay: {e.Message}", e);
        }
    }

    /// <summary>Wraps one candidate or fallback of a stage.</summary>
    public IForecaster Around(IForecaster forecaster)
    {
        if (_replay)
        {
            return new ReplayForecaster(forecaster.Name, _record!);
        }

        var live = new RecordingForecaster(forecaster, _record);
        _live.Add(live);
        return live;
    }

    /// <summary>
    /// Completes and writes the record: a candidate the stage did not refit at a scored origin (its pooled weight was 0)
    /// is fitted there, so that a replay under another rule finds it; then the files are written.
    /// </summary>
    public void Finish(ForecastTrainingData data, BacktestOptions options)
    {
        if (_record is null || _replay)
        {
            return;
        }

        foreach (var live in _live)
        {
            live.RecordOrigins(data, options);
        }

        ForecastRecordFiles.Write(_folder!, _record);
        Console.Error.WriteLine($"Recorded {_record.Count} predictions ({string.Join(", ", _live.Select(l => $"{l.Name}: {l.FitCount} fits"))}) in {_folder}.");
    }
}
