using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.Mediation.Rooms;

internal static class RoomEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/mediation/rooms").WithTags("调解室");
        group.MapGet("", ListAsync).AllowAnonymous().WithSummary("调解室与品牌工作室");
        group.MapGet("/{id:int}", GetAsync).AllowAnonymous().WithSummary("一个调解室");
        group.MapGet("/{id:int}/slots", SlotsAsync).AllowAnonymous().WithSummary("空闲时段(乡镇时区)");
        group.MapPost("", CreateAsync).RequirePermission(MediationPermissions.ManageRooms).WithSummary("新增调解室");
        group.MapPost("/{id:int}/photo", RoomPhotos.UploadAsync).RequirePermission(MediationPermissions.ManageRooms).DisableAntiforgery().WithSummary("上传调解室照片");
    }

    /// <summary>Rooms, optionally only those good at <paramref name="specialty"/> and/or in <paramref name="village"/>.</summary>
    private static async Task<Ok<List<RoomDto>>> ListAsync(string? specialty, string? village, MediationDbContext db, CancellationToken ct)
    {
        var rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        var mediators = await db.Mediators.AsNoTracking().Where(m => m.Active).ToListAsync(ct);
        return TypedResults.Ok(rooms
            .Where(r => string.IsNullOrEmpty(specialty) || r.Specialties.Contains(specialty))
            .Where(r => string.IsNullOrEmpty(village) || r.Village == village)
            .Select(r => r.ToDto(mediators)).ToList());
    }

    private static async Task<Results<Ok<RoomDto>, ProblemHttpResult>> GetAsync(int id, MediationDbContext db, CancellationToken ct)
    {
        if (await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } room) return Problems.NotFound("没有这个调解室");
        var mediators = await db.Mediators.AsNoTracking().Where(m => m.Active).ToListAsync(ct);
        return TypedResults.Ok(room.ToDto(mediators, await RoomRecords.ForAsync(db, id, ct)));
    }

    private static async Task<Results<Created<RoomDto>, ValidationProblem>> CreateAsync(RoomRequest request, CreateRoom create, MediationDbContext db, CancellationToken ct)
    {
        var v = await create.ValidateAsync(request, ct);
        if (!v.IsValid) return v.Problem();
        var room = await create.ExecuteAsync(request, ct);
        var mediators = await db.Mediators.AsNoTracking().ToListAsync(ct);
        return TypedResults.Created($"/api/mediation/rooms/{room.Id}", room.ToDto(mediators));
    }

    private static async Task<Results<Ok<List<SlotDto>>, ValidationProblem, ProblemHttpResult>> SlotsAsync(
        int id, string? from, string? to, RoomSlots slots, CancellationToken ct)
    {
        var v = new Validation();
        var today = slots.Today();
        var first = ParseDate(from, "from", today, v);
        var last = ParseDate(to, "to", first.AddDays(6), v);
        if (v.IsValid && last < first) v.Add("to", "结束日期不能早于开始日期");
        else if (v.IsValid && last.DayNumber - first.DayNumber + 1 > SlotCalendar.MaxDays) v.Add("to", $"一次最多查询 {SlotCalendar.MaxDays} 天");
        if (!v.IsValid) return v.Problem();
        var result = await slots.ForAsync(id, first, last, ct);
        return result is null ? Problems.NotFound("没有这个调解室") : TypedResults.Ok(result);
    }

    private static DateOnly ParseDate(string? text, string field, DateOnly fallback, Validation v)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        v.Add(field, "日期须写成“2026-12-01”的形式");
        return fallback;
    }
}

/// <summary>A room's slots over a date range: free when no booking holds it and one of the room's mediators (if it has any) is neither away nor booked elsewhere.</summary>
public sealed class RoomSlots(MediationDbContext db, TimeProvider clock, ITownshipAccessor townships, ITownshipCalendar calendar)
{
    private TimeZoneInfo Zone => TownshipTime.Zone(townships.Current);

    public DateOnly Today() => TownshipTime.Today(townships.Current, clock.GetUtcNow().UtcDateTime);

    /// <returns>null when there is no such room.</returns>
    public async Task<List<SlotDto>?> ForAsync(int roomId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, ct);
        return room is null ? null : await ForAsync(room, from, to, ct);
    }

    public async Task<List<SlotDto>> ForAsync(Room room, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var zone = Zone;
        var generated = SlotCalendar.Generate(room, from, to, zone, await calendar.ListedDaysAsync(ct));
        if (generated.Count == 0) return [];
        var startUtc = generated[0].Start.UtcDateTime;
        var endUtc = generated[^1].Start.UtcDateTime;
        var taken = await TakenAsync(room.Id, startUtc, endUtc, ct);
        var now = clock.GetUtcNow();
        var staffed = await Mediators.MediatorAvailability.ForRoomAsync(db, room.Id, startUtc, generated[^1].End.UtcDateTime, ct);
        var slots = new List<SlotDto>(generated.Count);
        foreach (var (start, end) in generated)
            slots.Add(new SlotDto(start, end, start > now && !taken.Contains(start.UtcTicks) && staffed.AnyFree(start.UtcDateTime, end.UtcDateTime)));
        return slots;
    }

    /// <summary>
    /// The start ticks of the room's held slots in [from, to], read from the unique index on the slot key alone
    /// ("{room}|{start ticks}"; ticks of any date from the year 318 to 3170 have 18 digits, so the keys of one room
    /// sort as their times): no table rows and no date parsing. What a collation that orders the separator
    /// differently lets into the range from other rooms is dropped here.
    /// </summary>
    private async Task<HashSet<long>> TakenAsync(int roomId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var low = Bookings.Booking.SlotKey(roomId, fromUtc);
        var high = Bookings.Booking.SlotKey(roomId, toUtc);
        var prefix = $"{roomId}|";
        var taken = new HashSet<long>();
        // A plain reader: EF's materializer cost more than the index read for thousands of one-column rows.
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"ActiveSlotKey\" FROM mediation_bookings WHERE \"ActiveSlotKey\" >= @low AND \"ActiveSlotKey\" <= @high";
            foreach (var (name, value) in new[] { ("@low", low), ("@high", high) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = reader.GetString(0);
                if (key.StartsWith(prefix, StringComparison.Ordinal) && long.TryParse(key.AsSpan(prefix.Length), out var ticks) && ticks >= fromUtc.Ticks && ticks <= toUtc.Ticks)
                    taken.Add(ticks);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return taken;
    }
}

/// <summary>A studio's record from the outcomes staff recorded: held meetings and the share settled.</summary>
internal static class RoomRecords
{
    public static async Task<RoomRecord> ForAsync(MediationDbContext db, int roomId, CancellationToken ct)
    {
        var outcomes = await db.Bookings.AsNoTracking()
            .Where(b => b.RoomId == roomId && b.Status == Bookings.BookingStatus.Completed)
            .GroupBy(b => b.Outcome).Select(g => new { Outcome = g.Key, Count = g.Count() }).ToListAsync(ct);
        var handled = outcomes.Sum(o => o.Count);
        var settled = outcomes.Where(o => o.Outcome == Bookings.BookingOutcomes.Settled).Sum(o => o.Count);
        return new RoomRecord(handled, settled, handled == 0 ? null : Math.Round((double)settled / handled, 4));
    }
}
