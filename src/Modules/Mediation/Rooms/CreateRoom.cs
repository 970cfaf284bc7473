using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Mediators;

namespace Zhizhi.Orchard.Mediation.Rooms;

public sealed record OpeningHoursRequest(int DayOfWeek, string? Start, string? End);

public sealed record MediatorRequest(string? Name, string? Type);

/// <summary>What an administrator sends to create a room or a brand studio.</summary>
public sealed record RoomRequest(
    string? Name,
    string? Brand,
    string? Address,
    string?[]? Specialties,
    int? SlotMinutes,
    OpeningHoursRequest?[]? OpeningHours,
    string?[]? ClosedDays = null,
    MediatorRequest?[]? Mediators = null,
    string? Village = null,
    bool OpenOnMakeUpWorkdays = false);

/// <summary>Creates a room after checking it; opening hours must hold whole slots.</summary>
public sealed class CreateRoom(MediationDbContext db, TimeProvider clock, Townships.Contracts.ITownshipDirectory directory)
{
    /// <summary><see cref="Validate"/> plus: the village, when given, is one of the township's.</summary>
    public async Task<Validation> ValidateAsync(RoomRequest r, CancellationToken ct)
    {
        var v = Validate(r);
        if (!string.IsNullOrWhiteSpace(r.Village) && r.Village.Length <= 50
            && !(await directory.VillagesAsync(ct)).Any(x => x.Name == r.Village.Trim()))
            v.Add("village", $"“{r.Village.Trim()}”不在本乡镇的村(社区)名录中");
        return v;
    }

    public const int MaxNameLength = 100;
    public const int MaxBrandLength = 4000;
    public const int MaxAddressLength = 200;

    public static Validation Validate(RoomRequest r)
    {
        var v = new Validation()
            .Required("name", r.Name, "名称", MaxNameLength)
            .Required("address", r.Address, "地址", MaxAddressLength)
            .Optional("brand", r.Brand, "品牌故事", MaxBrandLength);
        foreach (var s in r.Specialties ?? [])
            if (s is null || !Categories.All.Contains(s.Trim()))
                v.Add("specialties", $"未知的擅长领域“{s}”,可选:{string.Join("、", Categories.All)}");
        var slot = r.SlotMinutes ?? 60;
        if (slot is < 10 or > 480) v.Add("slotMinutes", "时段长度须在 10-480 分钟之间");
        else if (slot % MediatorHold.Minutes != 0) v.Add("slotMinutes", "时段长度须是 5 分钟的整数倍");
        v.Optional("village", r.Village, "所在村(社区)", 50);
        if (r.OpeningHours is null || r.OpeningHours.Length == 0) v.Add("openingHours", "请填写开放时间");
        else if (r.OpeningHours.Length > 50) v.Add("openingHours", "开放时间不能超过 50 段");
        else
            foreach (var h in r.OpeningHours)
            {
                if (h is null) { v.Add("openingHours", "开放时间不能为空"); continue; }
                if (h.DayOfWeek is < 1 or > 7) v.Add("openingHours", "星期须为 1(周一)到 7(周日)");
                if (ParseTime(h.Start) is not { } start || ParseTime(h.End) is not { } end) v.Add("openingHours", "时间须写成“09:00”的形式");
                else if (end <= start) v.Add("openingHours", "结束时间须晚于开始时间");
                else if (start.Minute % MediatorHold.Minutes != 0 || end.Minute % MediatorHold.Minutes != 0) v.Add("openingHours", "开放时间须在整 5 分钟上(如 09:00、13:30)");
                else if ((end - start).TotalMinutes < slot) v.Add("openingHours", "每段开放时间至少要容纳一个时段");
            }
        foreach (var d in r.ClosedDays ?? [])
            if (!DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                v.Add("closedDays", $"休息日“{d}”须写成“2026-10-01”的形式");
        if (r.Mediators is { Length: > 100 }) v.Add("mediators", "调解员不能超过 100 位");
        foreach (var m in r.Mediators ?? [])
        {
            if (m is null || string.IsNullOrWhiteSpace(m.Name) || m.Name.Length > 50) v.Add("mediators", "调解员姓名不能为空,且不超过 50 个字符");
            else if (m.Type is not null && !MediatorTypes.All.Contains(m.Type)) v.Add("mediators", $"调解员类型须为:{string.Join("、", MediatorTypes.All)}");
        }
        return v;
    }

    public static TimeOnly? ParseTime(string? s)
        => TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    public async Task<Room> ExecuteAsync(RoomRequest r, CancellationToken ct)
    {
        var room = new Room
        {
            Name = r.Name!.Trim(),
            Brand = string.IsNullOrWhiteSpace(r.Brand) ? null : r.Brand.Trim(),
            Address = r.Address!.Trim(),
            Specialties = [.. (r.Specialties ?? []).Select(s => s!.Trim()).Distinct()],
            SlotMinutes = r.SlotMinutes ?? 60,
            OpeningHours = [.. r.OpeningHours!.Select(h => new OpeningHours(h!.DayOfWeek, h.Start!, h.End!)).OrderBy(h => h.DayOfWeek).ThenBy(h => h.Start, StringComparer.Ordinal)],
            ClosedDays = [.. (r.ClosedDays ?? []).Select(d => DateOnly.ParseExact(d!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct()],
            Village = string.IsNullOrWhiteSpace(r.Village) ? null : r.Village.Trim(),
            OpenOnMakeUpWorkdays = r.OpenOnMakeUpWorkdays,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Rooms.Add(room);
        await db.SaveChangesAsync(ct);
        if (r.Mediators is { Length: > 0 })
        {
            // A mediator named here who already exists (serving another room) now serves this one too.
            var known = await db.Mediators.ToListAsync(ct);
            foreach (var m in r.Mediators)
            {
                var name = m!.Name!.Trim();
                if (known.FirstOrDefault(k => k.Name == name) is { } existing)
                {
                    if (!existing.RoomIds.Contains(room.Id)) existing.RoomIds = [.. existing.RoomIds, room.Id];
                    continue;
                }
                var mediator = new Mediator { Name = name, Type = m.Type ?? "专职", Specialties = [.. room.Specialties], RoomIds = [room.Id], CreatedAt = room.CreatedAt };
                db.Mediators.Add(mediator);
                known.Add(mediator);
            }
            await db.SaveChangesAsync(ct);
        }
        return room;
    }
}
