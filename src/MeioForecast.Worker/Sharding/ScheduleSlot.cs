using MeioForecast.Worker.Scheduling;

namespace MeioForecast.Worker.Sharding;

/// <summary>
/// The schedule slot a scheduled one-shot process belongs to: the latest firing time of a cron schedule at or before
/// now. Every shard started by one trigger (a Kubernetes CronJob, a Container Apps Job schedule) computes the same slot,
/// hence the same default run id (slot time + input fingerprint), without passing an id between processes.
/// </summary>
internal static class ScheduleSlot
{
    public static DateTimeOffset Previous(CronSchedule schedule, DateTimeOffset now)
    {
        foreach (var window in new[] { TimeSpan.FromDays(32), TimeSpan.FromDays(400) })
        {
            DateTimeOffset? found = null;
            for (var slot = schedule.Next(now - window); slot is { } s && s <= now; slot = schedule.Next(s))
            {
                found = s;
            }

            if (found is { } f)
            {
                return f;
            }
        }

        throw new ConfigurationException($"--slot '{schedule}' has no firing time in the 400 days before {now:u}.");
    }
}
