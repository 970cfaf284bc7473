using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Users.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Ledger;

namespace Zhizhi.Orchard.VolunteerPoints.Activities;

public sealed record CheckinRequest(string? UserName);

public sealed record CheckinDto(int ActivityId, string UserName, int Points, double Hours, int Balance);

/// <summary>
/// The organiser checks a volunteer in (signed up or walking in). The check-in row, under a unique
/// (activity, user) index, and the award commit together: a repeat fails on the index and awards nothing.
/// </summary>
public sealed class CheckIn(PointsDbContext db, PointsLedger ledger, IUserDirectory users, TimeProvider clock)
{
    public enum Outcome { Done, ActivityNotFound, UnknownUser, AlreadyCheckedIn }

    public async Task<(Outcome Outcome, CheckinDto? Checkin)> ExecuteAsync(int activityId, string userName, string? by, CancellationToken ct)
    {
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null) return (Outcome.ActivityNotFound, null);
        var user = await users.FindAsync(userName.Trim(), ct);
        if (user is null) return (Outcome.UnknownUser, null);
        if (await db.Checkins.AnyAsync(c => c.ActivityId == activityId && c.UserName == user.UserName, ct)) return (Outcome.AlreadyCheckedIn, null);

        await ledger.EnsureAccountAsync(user.UserName, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var checkin = new Checkin
        {
            ActivityId = activityId, UserName = user.UserName, CheckedInAt = now, Hours = activity.Hours, Points = activity.Points, CheckedInBy = by,
        };
        db.Checkins.Add(checkin);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(checkin).State = EntityState.Detached;
            await tx.RollbackAsync(ct);
            return (Outcome.AlreadyCheckedIn, null);
        }
        var entry = await ledger.CreditAsync(user.UserName, activity.Points, LedgerSources.Activity, $"参加志愿活动“{activity.Title}”",
            activityId.ToString(System.Globalization.CultureInfo.InvariantCulture), by, now, ct);
        db.Publish(new ActivityCheckedIn(activityId, activity.Title, user.UserName, activity.Points, activity.Hours, now), now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (Outcome.Done, new CheckinDto(activityId, user.UserName, activity.Points, activity.Hours, entry.BalanceAfter));
    }

    public static Validation Validate(CheckinRequest r)
        => new Validation().Required("userName", r.UserName, "用户名", PointsDbContext.UserNameLength);
}
