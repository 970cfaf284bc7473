using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.Mediation.Mediators;

public sealed record MediatorInput(string? Name, string? Type, string?[]? Specialties, int[]? RoomIds, string? Phone = null, bool? Active = null,
    string? Village = null, string? VillageGroup = null, string?[]? Conflicts = null);

public sealed record MediatorDto(int Id, string Name, string Type, IReadOnlyList<string> Specialties, IReadOnlyList<int> RoomIds, bool Active);

public sealed record AbsenceRequest(string? Start, string? End, string? Reason);

public sealed record AbsenceDto(int Id, int MediatorId, DateTimeOffset Start, DateTimeOffset End, string? Reason);

internal static class MediatorEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/mediation/mediators").WithTags("调解员");
        group.MapGet("", ListAsync).AllowAnonymous().WithSummary("调解员(可按调解室、擅长领域筛选)");
        group.MapPost("", CreateAsync).RequirePermission(MediationPermissions.ManageRooms).WithSummary("新增调解员");
        group.MapPut("/{id:int}", UpdateAsync).RequirePermission(MediationPermissions.ManageRooms).WithSummary("修改调解员");
        group.MapGet("/{id:int}/absences", AbsencesAsync).RequirePermission(MediationPermissions.ManageBookings).WithSummary("调解员不可预约的时间");
        group.MapPost("/{id:int}/absences", AddAbsenceAsync).RequirePermission(MediationPermissions.ManageBookings).WithSummary("登记不可预约的时间");
        group.MapDelete("/{id:int}/absences/{absenceId:int}", RemoveAbsenceAsync).RequirePermission(MediationPermissions.ManageBookings).WithSummary("删除不可预约的时间");
    }

    private static MediatorDto Dto(Mediator m) => new(m.Id, m.Name, m.Type, m.Specialties, m.RoomIds, m.Active);

    private static async Task<Ok<List<MediatorDto>>> ListAsync(int? roomId, string? specialty, MediationDbContext db, CancellationToken ct)
    {
        var all = await db.Mediators.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        return TypedResults.Ok(all.Where(m => roomId is null || m.RoomIds.Contains(roomId.Value))
            .Where(m => string.IsNullOrEmpty(specialty) || m.Specialties.Contains(specialty)).Select(Dto).ToList());
    }

    private static async Task<Validation> ValidateAsync(MediatorInput r, MediationDbContext db, ITownshipDirectory directory, CancellationToken ct)
    {
        var v = new Validation().Required("name", r.Name, "姓名", 50).Optional("phone", r.Phone, "电话", 20);
        if (string.IsNullOrWhiteSpace(r.Type) || !MediatorTypes.All.Contains(r.Type.Trim())) v.Add("type", $"调解员类型须为:{string.Join("、", MediatorTypes.All)}");
        foreach (var s in r.Specialties ?? [])
            if (s is null || !Categories.All.Contains(s.Trim())) v.Add("specialties", $"未知的擅长领域“{s}”,可选:{string.Join("、", Categories.All)}");
        MediatorScreening.Validate(v, r.VillageGroup, r.Conflicts, "conflicts");
        if (!string.IsNullOrWhiteSpace(r.Village) && !await MediatorScreening.KnownVillageAsync(directory, r.Village, ct))
            v.Add("village", $"本乡镇没有“{r.Village.Trim()}”这个村(社区)");
        if (r.RoomIds is { Length: > 0 } ids)
        {
            var known = await db.Rooms.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
            foreach (var id in ids.Except(known)) v.Add("roomIds", $"没有编号为 {id} 的调解室");
        }
        return v;
    }

    private static void Apply(Mediator m, MediatorInput r)
    {
        m.Name = r.Name!.Trim();
        m.Type = r.Type!.Trim();
        m.Specialties = [.. (r.Specialties ?? []).Select(s => s!.Trim()).Distinct()];
        m.RoomIds = [.. (r.RoomIds ?? []).Distinct()];
        m.Phone = string.IsNullOrWhiteSpace(r.Phone) ? null : r.Phone.Trim();
        m.Active = r.Active ?? true;
        m.Village = MediatorScreening.Clean(r.Village);
        m.VillageGroup = MediatorScreening.Clean(r.VillageGroup);
        m.Conflicts = MediatorScreening.CleanList(r.Conflicts);
    }

    private static async Task<Results<Created<MediatorDto>, ValidationProblem>> CreateAsync(MediatorInput request, MediationDbContext db, ITownshipDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        var v = await ValidateAsync(request, db, directory, ct);
        if (!v.IsValid) return v.Problem();
        var m = new Mediator { Name = "", Type = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
        Apply(m, request);
        db.Mediators.Add(m);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/mediation/mediators/{m.Id}", Dto(m));
    }

    private static async Task<Results<Ok<MediatorDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, MediatorInput request, MediationDbContext db, ITownshipDirectory directory, CancellationToken ct)
    {
        var m = await db.Mediators.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return Problems.NotFound("没有这位调解员");
        var v = await ValidateAsync(request, db, directory, ct);
        if (!v.IsValid) return v.Problem();
        Apply(m, request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Dto(m));
    }

    private static async Task<Results<Ok<List<AbsenceDto>>, ProblemHttpResult>> AbsencesAsync(int id, MediationDbContext db, Township township, CancellationToken ct)
    {
        if (!await db.Mediators.AnyAsync(m => m.Id == id, ct)) return Problems.NotFound("没有这位调解员");
        var zone = TownshipTime.Zone(township);
        var items = await db.MediatorAbsences.AsNoTracking().Where(a => a.MediatorId == id).OrderBy(a => a.Start).ToListAsync(ct);
        return TypedResults.Ok(items.Select(a => new AbsenceDto(a.Id, a.MediatorId, SlotCalendar.ToLocal(a.Start, zone), SlotCalendar.ToLocal(a.End, zone), a.Reason)).ToList());
    }

    /// <summary>Marks the mediator away; refused while bookings already hold them in that time (re-assign those first).</summary>
    private static async Task<Results<Created<AbsenceDto>, ValidationProblem, ProblemHttpResult>> AddAbsenceAsync(
        int id, AbsenceRequest request, MediationDbContext db, Township township, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Mediators.AnyAsync(m => m.Id == id, ct)) return Problems.NotFound("没有这位调解员");
        var zone = TownshipTime.Zone(township);
        var start = BookingRules.ParseStart(request.Start, zone);
        var end = BookingRules.ParseStart(request.End, zone);
        // The same rules as the admin screen: end after start, not already past, no overlap with another absence.
        var v = await AbsenceRules.ValidateAsync(db, id, start, end, request.Reason, clock.GetUtcNow().UtcDateTime, zone, ct);
        if (start is null) v.Add("start", "例如 2026-12-01T09:00:00+08:00");
        if (end is null) v.Add("end", "例如 2026-12-01T17:00:00+08:00");
        if (!v.IsValid) return v.Problem();
        var (s, e) = (DateTime.SpecifyKind(start!.Value, DateTimeKind.Utc), DateTime.SpecifyKind(end!.Value, DateTimeKind.Utc));
        if (await db.MediatorHolds.AnyAsync(h => h.MediatorId == id && h.At >= s && h.At < e, ct))
            return Problems.Conflict("这段时间已有预约由这位调解员负责,请先改派再登记");
        var absence = new MediatorAbsence { MediatorId = id, Start = s, End = e, Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim() };
        db.MediatorAbsences.Add(absence);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/mediation/mediators/{id}/absences/{absence.Id}",
            new AbsenceDto(absence.Id, id, SlotCalendar.ToLocal(s, zone), SlotCalendar.ToLocal(e, zone), absence.Reason));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAbsenceAsync(int id, int absenceId, MediationDbContext db, CancellationToken ct)
        => await db.MediatorAbsences.Where(a => a.Id == absenceId && a.MediatorId == id).ExecuteDeleteAsync(ct) > 0
            ? TypedResults.NoContent()
            : Problems.NotFound("没有这条记录");
}
