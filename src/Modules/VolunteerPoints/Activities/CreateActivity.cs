using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Activities;

public sealed record ActivityRequest(string? Title, DateTimeOffset? Start, DateTimeOffset? End, string? Location, int? Points, int? Capacity,
    string? Type = null, int? TeamId = null);

public sealed record ActivityDto(int Id, string Title, DateTimeOffset Start, DateTimeOffset End, string Location, int Points, int Capacity, int SignedUp, double Hours,
    string Type, string TypeName, int? TeamId);

public static class ActivityMapping
{
    public static DateTimeOffset Local(Township township, DateTime utc)
    {
        var local = TownshipTime.ToLocal(township, utc);
        return new DateTimeOffset(local, TownshipTime.Zone(township).GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
    }

    public static ActivityDto ToDto(this Activity a, Township township)
        => new(a.Id, a.Title, Local(township, a.StartAt), Local(township, a.EndAt), a.Location, a.Points, a.Capacity, a.SignedUp, a.Hours,
            a.Type, ActivityTypes.ChineseName(a.Type), a.TeamId);
}

public sealed class CreateActivity(PointsDbContext db, TimeProvider clock)
{
    public const int MaxPoints = 10_000;
    public const int MaxCapacity = 100_000;

    public static Validation Validate(ActivityRequest r)
    {
        var v = new Validation().Required("title", r.Title, "活动名称", 100).Required("location", r.Location, "活动地点", 100);
        if (r.Start is null) v.Add("start", "开始时间不能为空");
        if (r.End is null) v.Add("end", "结束时间不能为空");
        if (r.Start is not null && r.End is not null && r.End <= r.Start) v.Add("end", "结束时间须晚于开始时间");
        if (r.Start is not null && r.End is not null && r.End - r.Start > TimeSpan.FromDays(31)) v.Add("end", "一次活动不能超过 31 天");
        if (r.Points is null) v.Add("points", "积分不能为空");
        else if (r.Points is <= 0 or > MaxPoints) v.Add("points", $"活动积分须为 1-{MaxPoints} 之间的整数");
        if (r.Capacity is null) v.Add("capacity", "人数上限不能为空");
        else if (r.Capacity is <= 0 or > MaxCapacity) v.Add("capacity", $"人数上限须为 1-{MaxCapacity} 之间的整数");
        if (r.Type is not null && !ActivityTypes.Names.ContainsKey(r.Type)) v.Add("type", $"活动类型须为:{string.Join("、", ActivityTypes.Names.Select(t => $"{t.Key}({t.Value})"))}");
        return v;
    }

    /// <summary>The team, when one is named, must exist (checked against the database).</summary>
    public async Task<Validation> ValidateAsync(ActivityRequest r, CancellationToken ct)
    {
        var v = Validate(r);
        if (r.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, ct)) v.Add("teamId", "没有这个志愿服务队");
        return v;
    }

    public static string NewCode() => System.Security.Cryptography.RandomNumberGenerator.GetString("0123456789", 6);

    public async Task<Activity> ExecuteAsync(ActivityRequest r, string? by, CancellationToken ct)
    {
        var activity = new Activity
        {
            Title = r.Title!.Trim(), Location = r.Location!.Trim(),
            StartAt = r.Start!.Value.UtcDateTime, EndAt = r.End!.Value.UtcDateTime,
            Points = r.Points!.Value, Capacity = r.Capacity!.Value,
            Type = r.Type ?? ActivityTypes.Other, TeamId = r.TeamId, CheckinCode = NewCode(),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by,
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);
        return activity;
    }
}
