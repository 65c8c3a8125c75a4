using MeioForecast.Storage.Input;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Worker.Tests.Hosting;

/// <summary>
/// <see cref="CliHost.GuardAsync"/> against the README exit-code table: a configuration error is 6, but an
/// <see cref="ArgumentException"/> raised inside an engine is a bug (1), not the user's configuration (issue 24).
/// </summary>
public sealed class ExitCodeMappingTests
{
    private static Task<int> Guard(Exception error, CancellationToken token = default) => CliHost.GuardAsync(() => Task.FromException<int>(error), token);

    [Fact]
    public async Task Each_typed_failure_maps_to_its_documented_code()
    {
        Assert.Equal(ExitCodes.BadInput, await Guard(new InputValidationException([new InputError("demand.csv", 3, "quantity", InputRule.OutOfRange, "x")])));
        Assert.Equal(ExitCodes.StorageFailure, await Guard(new IOException("disk full")));
        Assert.Equal(ExitCodes.BadConfiguration, await Guard(new ConfigurationException("Worker:Schedule is invalid")));
        Assert.Equal(ExitCodes.BadConfiguration, await Guard(new RunInputMismatchException("r1", "out", new string('a', 64), new string('b', 64))));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.Equal(ExitCodes.Cancelled, await Guard(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }

    [Fact]
    public async Task Engine_argument_and_operation_errors_are_bugs_not_configuration()
    {
        Assert.Equal(ExitCodes.Failure, await Guard(new ArgumentOutOfRangeException("tau", "the demand bound is not finite")));
        Assert.Equal(ExitCodes.Failure, await Guard(new ArgumentException("Stage 'X': bad network")));
        Assert.Equal(ExitCodes.Failure, await Guard(new InvalidOperationException("Sequence contains no elements")));
    }

    [Fact]
    public void Settings_validated_by_other_projects_become_configuration_errors()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationException.Guard<int>(() => throw new ArgumentOutOfRangeException("Origins", "must be >= 1")));
        Assert.Contains("must be >= 1", error.Message, StringComparison.Ordinal);
    }
}
