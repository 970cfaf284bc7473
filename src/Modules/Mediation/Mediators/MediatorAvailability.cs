using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Data;

namespace Zhizhi.Orchard.Mediation.Mediators;

/// <summary>
/// Which of a room's mediators are free over a range of slots: their absences and the bookings they hold in
/// other rooms, fetched with three queries for the whole range and then checked per slot in memory. A room
/// without active mediators is booked alone (staff assign one later), so its slots are never blocked here.
/// Only an indication for the slot list: booking itself is decided by the unique hold index.
/// </summary>
internal sealed class MediatorAvailability
{
    private readonly List<(int Mediator, DateTime Start, DateTime End)> _away;
    private readonly Dictionary<int, List<(DateTime Start, DateTime End)>> _booked;
    private readonly List<int> _serving;

    private MediatorAvailability(List<int> serving, List<(int, DateTime, DateTime)> away, Dictionary<int, List<(DateTime, DateTime)>> booked)
    {
        _serving = serving;
        _away = away;
        _booked = booked;
    }

    public static async Task<MediatorAvailability> ForRoomAsync(MediationDbContext db, int roomId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var mediators = (await db.Mediators.AsNoTracking().Where(m => m.Active).Select(m => new { m.Id, m.RoomIds }).ToListAsync(ct))
            .Where(m => m.RoomIds.Contains(roomId)).ToList();
        var serving = mediators.Select(m => m.Id).ToList();
        if (serving.Count == 0) return new MediatorAvailability([], [], []);
        var away = await db.MediatorAbsences.AsNoTracking()
            .Where(a => serving.Contains(a.MediatorId) && a.Start < toUtc && a.End > fromUtc)
            .Select(a => new { a.MediatorId, a.Start, a.End }).ToListAsync(ct);
        // This room's own bookings already close their slots; a mediator's bookings never overlap each other
        // (the hold index), so per mediator they are disjoint intervals, sorted by start for a binary search.
        // When they serve only this room (the common case) there is nothing elsewhere to look up; a booking
        // staff assigned to them in another room is still refused by the hold index when booked.
        if (mediators.All(m => m.RoomIds.All(r => r == roomId)))
            return new MediatorAvailability(serving, [.. away.Select(a => (a.MediatorId, Utc(a.Start), Utc(a.End)))], []);
        var elsewhere = await db.Bookings.AsNoTracking()
            .Where(b => b.MediatorId != null && serving.Contains(b.MediatorId.Value) && b.RoomId != roomId && b.ActiveSlotKey != null
                && b.SlotStart < toUtc && b.SlotEnd > fromUtc)
            .Select(b => new { MediatorId = b.MediatorId!.Value, b.SlotStart, b.SlotEnd }).ToListAsync(ct);
        var booked = elsewhere.GroupBy(b => b.MediatorId)
            .ToDictionary(g => g.Key, g => g.Select(b => (Utc(b.SlotStart), Utc(b.SlotEnd))).OrderBy(i => i.Item1).ToList());
        return new MediatorAvailability(serving, [.. away.Select(a => (a.MediatorId, Utc(a.Start), Utc(a.End)))], booked);
    }

    /// <summary>True when the room has no mediators, or one of them is free for all of [start, end).</summary>
    public bool AnyFree(DateTime startUtc, DateTime endUtc)
        => _serving.Count == 0 || _serving.Any(m => !IsAway(m, startUtc, endUtc) && !IsBooked(m, startUtc, endUtc));

    private bool IsAway(int mediator, DateTime start, DateTime end)
        => _away.Any(a => a.Mediator == mediator && a.Start < end && a.End > start);

    private bool IsBooked(int mediator, DateTime start, DateTime end)
    {
        if (!_booked.TryGetValue(mediator, out var intervals)) return false;
        // The last interval starting before the slot ends is the only one that can overlap it.
        int lo = 0, hi = intervals.Count - 1, last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (intervals[mid].Start < end) { last = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return last >= 0 && intervals[last].End > start;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
