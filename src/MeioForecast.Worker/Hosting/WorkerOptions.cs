using MeioForecast.Worker.Output;
using MeioForecast.Worker.Scheduling;

namespace MeioForecast.Worker.Hosting;

/// <summary>The scheduled worker (configuration section <c>Worker</c>; <c>meio worker</c> options override it).</summary>
public sealed record WorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Worker";

    /// <summary>Input folder read at every run (docs/input-format.md). Required.</summary>
    public string Input { get; init; } = "";

    /// <summary>Output: a local folder, <c>blob://container/prefix</c> or an https blob URI. Default <c>out</c>.</summary>
    public string Output { get; init; } = "out";

    /// <summary>Cron expression in UTC, 5 fields (minute hour day month weekday) or 6 with seconds first. Default <c>0 2 * * *</c> (02:00 UTC daily).</summary>
    public string Schedule { get; init; } = "0 2 * * *";

    /// <summary>Seconds to wait for another worker holding the same run's lock before skipping the slot. Default 0; 0..3600.</summary>
    public int LockWaitSeconds { get; init; }

    /// <summary>Throws <see cref="ConfigurationException"/> naming the first invalid option.</summary>
    public WorkerOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
        {
            throw new ConfigurationException($"{SectionName}:Input (--input) is required: the input folder to plan from.", nameof(Input));
        }

        if (string.IsNullOrWhiteSpace(Output))
        {
            throw new ConfigurationException($"{SectionName}:Output (--output) must not be empty.", nameof(Output));
        }

        OutputTarget.Parse(Output);
        try
        {
            CronSchedule.Parse(Schedule);
        }
        catch (FormatException ex)
        {
            throw new ConfigurationException($"{SectionName}:Schedule (--schedule) is invalid: {ex.Message}", nameof(Schedule), ex);
        }

        if (LockWaitSeconds is < 0 or > 3600)
        {
            throw new ConfigurationException($"{SectionName}:LockWaitSeconds must be in 0..3600.", nameof(LockWaitSeconds));
        }

        return this;
    }
}
