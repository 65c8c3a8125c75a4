using System.CommandLine;
using System.Globalization;
using MeioForecast.Worker.Hosting;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// <c>meio worker [--input DIR] [--output TARGET] [--schedule CRON] [--Section:Key=value ...]</c>: the hosted worker that
/// plans at every slot of a UTC cron schedule until SIGTERM. Options override the <c>Worker</c> configuration section.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var input = new Option<string?>("--input") { Description = "Input folder (overrides Worker:Input)." };
        var output = new Option<string?>("--output") { Description = "Output: local folder, blob://container/prefix or https blob URI (overrides Worker:Output)." };
        var schedule = new Option<string?>("--schedule") { Description = "Cron expression in UTC, 5 fields or 6 with seconds (overrides Worker:Schedule; default 0 2 * * *)." };
        var lockWait = new Option<int?>("--lock-wait") { Description = "Seconds to wait for another worker holding the same run (overrides Worker:LockWaitSeconds)." };
        var command = new Command("worker", "Run as a long-lived worker: plan on a cron schedule (UTC) until stopped (SIGTERM/Ctrl+C).")
        {
            input, output, schedule, lockWait,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            void Set(string key, string? value)
            {
                if (value is not null)
                {
                    overrides[$"{WorkerOptions.SectionName}:{key}"] = value;
                }
            }

            Set(nameof(WorkerOptions.Input), parse.GetValue(input));
            Set(nameof(WorkerOptions.Output), parse.GetValue(output));
            Set(nameof(WorkerOptions.Schedule), parse.GetValue(schedule));
            Set(nameof(WorkerOptions.LockWaitSeconds), parse.GetValue(lockWait)?.ToString(CultureInfo.InvariantCulture));
            using var host = WorkerHost.Build(parse.UnmatchedTokens, overrides);
            return await WorkerHost.RunAsync(host, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
