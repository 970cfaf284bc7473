using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

/// <summary>
/// Reminders before a deadline: one in-app notice to the assignee when an open, running (not paused) case's current
/// deadline is within the township's window (到期前提醒, default one working day), once per case and level. The
/// notice's unique key ("reminder:{case}:{level}") is the record of it: of parallel sweeps only one inserts it.
/// No timeline entry: a reminder changes nothing about the case.
/// </summary>
public sealed class DeadlineReminders(DisputesDbContext db, ReminderSettings settings, IWorkingCalendar calendar, ITownshipAccessor townships)
{
    private const int Batch = 500;

    /// <returns>How many reminders this run sent.</returns>
    public async Task<int> RunAsync(DateTime utcNow, CancellationToken ct)
    {
        var window = await settings.GetAsync(ct);
        // Wide enough for N working days however many holidays lie between; the exact start is computed per case.
        var horizon = utcNow + (window.Hours is { } h ? TimeSpan.FromHours(h) : TimeSpan.FromDays(window.WorkingDays!.Value * 3 + 14));
        var candidates = await db.Cases.AsNoTracking().Where(CaseFilter.IsOpen)
            .Where(c => c.PausedAt == null && c.Level != null && c.DeadlineAt != null
                        && c.DeadlineAt > utcNow && c.DeadlineAt <= horizon
                        && !db.Notifications.Any(n => n.Kind == NotificationKinds.DeadlineReminder && n.CaseId == c.Id && n.Level == c.Level))
            .OrderBy(c => c.DeadlineAt).Take(Batch)
            .Select(c => new { c.Id, c.CaseNo, c.Title, c.Level, c.Assignee, c.DeadlineAt })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var c in candidates)
        {
            var from = window.Hours is { } hours ? c.DeadlineAt!.Value - TimeSpan.FromHours(hours) : await WorkingDaysBeforeAsync(c.DeadlineAt!.Value, window.WorkingDays!.Value, ct);
            // The window opens later for a later deadline (in hours, or in working days before it), and the candidates
            // come by deadline: the first whose window is not open yet ends the run.
            if (utcNow < from) break;
            var local = TownshipTime.ToLocal(townships.Current, c.DeadlineAt!.Value);
            db.Notifications.Add(new DisputeNotification
            {
                Key = NotificationKinds.ReminderKey(c.Id, c.Level!), Kind = NotificationKinds.DeadlineReminder, CaseId = c.Id, Level = c.Level,
                Recipients = ObligationCheck.Recipients(c.Assignee),
                Text = $"{c.CaseNo}「{c.Title}」在{CaseLevels.Chinese(c.Level)}的办理期限为 {local:yyyy-MM-dd HH:mm},即将到期,请及时办理",
                CreatedAt = utcNow,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                sent++;
            }
            catch (DbUpdateException)
            {
                // Another sweep sent this reminder first (the unique key decided).
            }
            db.ChangeTracker.Clear();
        }
        return sent;
    }

    /// <summary>The same local time of day, <paramref name="days"/> working days of the township's calendar before the deadline.</summary>
    private async Task<DateTime> WorkingDaysBeforeAsync(DateTime deadlineUtc, int days, CancellationToken ct)
    {
        var zone = TownshipTime.Zone(townships.Current);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(deadlineUtc, DateTimeKind.Utc), zone);
        var date = DateOnly.FromDateTime(local);
        for (int counted = 0, guard = 0; counted < days && guard < 3660; guard++)
        {
            date = date.AddDays(-1);
            if (await calendar.IsWorkingDayAsync(date, ct)) counted++;
        }
        return TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.FromDateTime(local), DateTimeKind.Unspecified), zone);
    }
}
