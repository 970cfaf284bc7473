using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

/// <summary>
/// Every five minutes, for every running township with disputes enabled (whether or not it served a request since
/// the start): the obligation check (overdue → 待核查) and the reminders before deadlines. Both decide "once" in the
/// database, so several nodes or overlapping runs are harmless. Each pass opens every such township's database, and
/// obligations fall due by date and reminders a working day (or hours) ahead, so a minute's precision buys nothing;
/// the first pass waits until start-up (migrations, demo seeding, the first requests) is over.
/// </summary>
internal sealed partial class DisputeSweeper(
    ITownshipManager townships,
    ITownshipScopeFactory scopes,
    TimeProvider clock,
    ILogger<DisputeSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan FirstPassAfter = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstPassAfter, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await SweepAllAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                await Task.Delay(Tick, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task SweepAllAsync(DateTime utcNow, CancellationToken ct)
    {
        foreach (var township in townships.List().Where(t => t.State == TownshipState.Running && t.IsEnabled(DisputeFeatures.DisputeRouting)))
        {
            try
            {
                await SweepAsync(township, utcNow, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogFailed(logger, ex, township.Name);
            }
        }
    }

    /// <returns>Obligations marked overdue and reminders sent in this township.</returns>
    internal async Task<(int Overdue, int Reminders)> SweepAsync(Township township, DateTime utcNow, CancellationToken ct)
    {
        await using var scope = scopes.CreateScope(township);
        var overdue = await scope.ServiceProvider.GetRequiredService<ObligationCheck>().RunAsync(utcNow, ct);
        var reminders = await scope.ServiceProvider.GetRequiredService<DeadlineReminders>().RunAsync(utcNow, ct);
        return (overdue, reminders);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispute obligations and reminders of township {Township} could not be swept")]
    private static partial void LogFailed(ILogger logger, Exception ex, string township);
}
