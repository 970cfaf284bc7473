using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Users.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Ledger;
using Zhizhi.Orchard.VolunteerPoints.Rules;

namespace Zhizhi.Orchard.VolunteerPoints.Activities;

public sealed record CheckinRequest(string? UserName);

public sealed record CodeCheckinRequest(string? Code);

public sealed record CheckoutRequest(string? UserName, double? Hours);

public sealed record CheckinDto(int ActivityId, string UserName, int Points, double Hours, int Balance, bool CappedByDailyLimit = false, DateTimeOffset? CheckedOutAt = null);

/// <summary>
/// Checks a volunteer in: by the organiser (signed up or walking in) or by the volunteer entering the code the
/// organiser shows. The check-in row, under a unique (activity, user) index, and the award commit together:
/// a repeat fails on the index and awards nothing. By the activity, the activity's points are awarded at
/// once; by the hour, nothing until check-out, which records the hours and awards points per hour. Either
/// way the township's daily cap is taken from a per-day counter by a conditional update.
/// </summary>
public sealed class CheckIn(PointsDbContext db, PointsLedger ledger, RulesStore rulesStore, IUserDirectory users, Township township, TimeProvider clock)
{
    /// <summary>A volunteer may check in with the code from an hour before the start to an hour after the end.</summary>
    public static readonly TimeSpan CodeWindow = TimeSpan.FromHours(1);

    public enum Outcome { Done, ActivityNotFound, UnknownUser, AlreadyCheckedIn, WrongCode, OutsideWindow, NotCheckedIn, AlreadyCheckedOut, TooManyHours }

    public async Task<(Outcome Outcome, CheckinDto? Checkin)> ExecuteAsync(int activityId, string userName, string? by, CancellationToken ct)
    {
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null) return (Outcome.ActivityNotFound, null);
        var user = await users.FindAsync(userName.Trim(), ct);
        if (user is null) return (Outcome.UnknownUser, null);
        return await CheckInAsync(activity, user.UserName, by, ct);
    }

    /// <summary>The volunteer checks themself in with the organiser's code.</summary>
    public async Task<(Outcome Outcome, CheckinDto? Checkin)> WithCodeAsync(int activityId, string code, string userName, CancellationToken ct)
    {
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null) return (Outcome.ActivityNotFound, null);
        if (!string.Equals(code.Trim(), activity.CheckinCode, StringComparison.Ordinal)) return (Outcome.WrongCode, null);
        var now = clock.GetUtcNow().UtcDateTime;
        if (now < activity.StartAt - CodeWindow || now > activity.EndAt + CodeWindow) return (Outcome.OutsideWindow, null);
        return await CheckInAsync(activity, userName, userName, ct);
    }

    private async Task<(Outcome Outcome, CheckinDto? Checkin)> CheckInAsync(Activity activity, string userName, string? by, CancellationToken ct)
    {
        if (await db.Checkins.AnyAsync(c => c.ActivityId == activity.Id && c.UserName == userName, ct)) return (Outcome.AlreadyCheckedIn, null);
        var rules = await rulesStore.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var perActivity = rules.PointsMode == PointsModes.PerActivity;
        var day = Day(now);
        await ledger.EnsureAccountAsync(userName, ct);
        if (perActivity && rules.DailyCap is not null) await ledger.EnsureDayAsync(userName, day, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var checkin = new Checkin
        {
            ActivityId = activity.Id, UserName = userName, CheckedInAt = now, Hours = perActivity ? activity.Hours : 0, Points = 0, CheckedInBy = by,
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
        var balance = await ledger.BalanceAsync(userName, ct);
        var capped = false;
        if (perActivity)
        {
            var points = await ledger.ClaimDailyAsync(userName, day, activity.Points, rules.DailyCap, ct);
            capped = points < activity.Points;
            if (points > 0)
            {
                checkin.Points = points;
                var entry = await ledger.CreditAsync(userName, points, LedgerSources.Activity, Reason(activity, capped),
                    activity.Id.ToString(CultureInfo.InvariantCulture), by, now, ct, HoldUntil(rules, now));
                balance = entry.BalanceAfter;
            }
            db.Publish(new ActivityCheckedIn(activity.Id, activity.Title, userName, points, activity.Hours, now), now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (Outcome.Done, new CheckinDto(activity.Id, userName, checkin.Points, checkin.Hours, balance, capped));
    }

    /// <summary>
    /// Records the hours served; by the hour, awards the activity's points for each full hour (within the daily cap).
    /// The organiser may state the hours (at most the activity's length); otherwise they run from check-in to now, within the activity.
    /// The state change is a conditional update from "not checked out", so a second check-out is 409 and awards nothing.
    /// </summary>
    public async Task<(Outcome Outcome, CheckinDto? Checkin)> CheckOutAsync(int activityId, string userName, double? statedHours, string? by, CancellationToken ct)
    {
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null) return (Outcome.ActivityNotFound, null);
        var user = await users.FindAsync(userName.Trim(), ct);
        if (user is null) return (Outcome.UnknownUser, null);
        userName = user.UserName;
        var checkin = await db.Checkins.AsNoTracking().FirstOrDefaultAsync(c => c.ActivityId == activityId && c.UserName == userName, ct);
        if (checkin is null) return (Outcome.NotCheckedIn, null);
        if (checkin.CheckedOutAt is not null) return (Outcome.AlreadyCheckedOut, null);
        if (statedHours > activity.Hours) return (Outcome.TooManyHours, null);

        var now = clock.GetUtcNow().UtcDateTime;
        var from = checkin.CheckedInAt > activity.StartAt ? checkin.CheckedInAt : activity.StartAt;
        var to = now < activity.EndAt ? now : activity.EndAt;
        var hours = Math.Round(statedHours ?? Math.Max(0, (to - from).TotalHours), 2);
        var rules = await rulesStore.GetAsync(ct);
        var perHour = rules.PointsMode == PointsModes.PerHour;
        var day = Day(checkin.CheckedInAt);
        if (perHour && rules.DailyCap is not null) await ledger.EnsureDayAsync(userName, day, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Checkins.Where(c => c.Id == checkin.Id && c.CheckedOutAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CheckedOutAt, now).SetProperty(c => c.Hours, hours), ct);
        if (rows == 0)
        {
            await tx.RollbackAsync(ct);
            return (Outcome.AlreadyCheckedOut, null);
        }
        var points = checkin.Points;
        var capped = false;
        var balance = await ledger.BalanceAsync(userName, ct);
        if (perHour)
        {
            var earned = (int)Math.Floor(hours * activity.Points);
            points = earned > 0 ? await ledger.ClaimDailyAsync(userName, day, earned, rules.DailyCap, ct) : 0;
            capped = points < earned;
            if (points > 0)
            {
                await db.Checkins.Where(c => c.Id == checkin.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Points, points), ct);
                var entry = await ledger.CreditAsync(userName, points, LedgerSources.Activity, $"{Reason(activity, capped)}({hours:0.##} 小时)",
                    activity.Id.ToString(CultureInfo.InvariantCulture), by, now, ct, HoldUntil(rules, now));
                balance = entry.BalanceAfter;
            }
            db.Publish(new ActivityCheckedIn(activity.Id, activity.Title, userName, points, hours, checkin.CheckedInAt), now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (Outcome.Done, new CheckinDto(activityId, userName, points, hours, balance, capped, ActivityMapping.Local(township, now)));
    }

    private static string Reason(Activity activity, bool capped)
        => capped ? $"参加志愿活动“{activity.Title}”(已达每日积分上限)" : $"参加志愿活动“{activity.Title}”";

    private string Day(DateTime utc) => TownshipTime.ToLocal(township, utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTime? HoldUntil(PointsRules rules, DateTime now) => rules.NoticeDays > 0 ? now.AddDays(rules.NoticeDays) : null;

    public static Validation Validate(CheckinRequest r)
        => new Validation().Required("userName", r.UserName, "用户名", PointsDbContext.UserNameLength);

    public static Validation Validate(CodeCheckinRequest r)
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(r.Code)) v.Add("code", "请输入组织者出示的签到码");
        else if (r.Code.Trim().Length != 6 || !r.Code.Trim().All(char.IsAsciiDigit)) v.Add("code", "签到码是 6 位数字");
        return v;
    }

    public static Validation Validate(CheckoutRequest r)
    {
        var v = new Validation().Required("userName", r.UserName, "用户名", PointsDbContext.UserNameLength);
        if (r.Hours is not null && (r.Hours <= 0 || double.IsNaN(r.Hours.Value))) v.Add("hours", "服务时长须大于 0 小时");
        return v;
    }
}
