using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Contracts;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Mediation.Reminders;

/// <summary>
/// Once a minute, for every running township with bookings enabled (idle or not), marks each confirmed
/// booking starting within a day as reminded and publishes <see cref="BookingReminderDue"/> in the same
/// transaction. The mark is a conditional UPDATE (only where no reminder was sent), so two sweeps or two
/// nodes never remind twice; the outbox then delivers the in-app notice and the webhook.
/// </summary>
internal sealed partial class ReminderSweeper(
    ITownshipManager townships,
    ITownshipScopeFactory scopes,
    TimeProvider clock,
    ILogger<ReminderSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAllAsync(stoppingToken);
                await Task.Delay(Tick, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    internal async Task<int> SweepAllAsync(CancellationToken ct)
    {
        var sent = 0;
        foreach (var township in townships.List().Where(t => t.State == TownshipState.Running && t.IsEnabled(MediationFeatures.Booking)))
        {
            try
            {
                await using var scope = scopes.CreateScope(township);
                sent += await SweepAsync(scope.ServiceProvider.GetRequiredService<MediationDbContext>(), township, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogFailed(logger, ex, township.Name);
            }
        }
        return sent;
    }

    internal async Task<int> SweepAsync(MediationDbContext db, Township township, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Ahead;
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && b.ReminderSentAt == null && b.SlotStart > now && b.SlotStart <= until)
            .OrderBy(b => b.SlotStart).Take(500).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        var zone = TownshipTime.Zone(township);
        var sent = 0;
        foreach (var b in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var marked = await db.Bookings
                .Where(x => x.Id == b.Id && x.ReminderSentAt == null && x.Status == BookingStatus.Confirmed && x.SlotStart == b.SlotStart)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ReminderSentAt, now), ct);
            if (marked == 0) continue;
            var room = rooms.GetValueOrDefault(b.RoomId);
            db.Publish(new BookingReminderDue(b.Id, b.Code, b.RoomId, room?.Name ?? "", room?.Address ?? "",
                SlotCalendar.ToLocal(b.SlotStart, zone), SlotCalendar.ToLocal(b.SlotEnd, zone), b.Category,
                b.ApplicantId, b.ApplicantName, b.OtherPartyUserId, b.MediatorName, now), now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            sent++;
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mediation reminders of township {Township} could not be swept")]
    private static partial void LogFailed(ILogger logger, Exception ex, string township);
}
