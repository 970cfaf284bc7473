using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Statistics;

namespace Zhizhi.Orchard.Mediation.Bookings;

/// <summary>The "bookings" part of GET /api/stats: bookings by status (booked, confirmed, held, no-shows ...), and per room.</summary>
internal sealed class BookingStats(MediationDbContext db) : IStatsContributor
{
    public async Task<IReadOnlyDictionary<string, JsonObject>> ComputeAsync(CancellationToken ct)
    {
        var byStatus = await db.Bookings.GroupBy(b => b.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var byRoom = await db.Bookings.Where(b => b.Status != BookingStatus.Cancelled)
            .GroupBy(b => b.RoomId).Select(g => new { RoomId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        int Count(string status) => byStatus.Where(s => s.Status == status).Sum(s => s.Count);
        var perRoom = new JsonObject();
        foreach (var room in byRoom) perRoom[rooms.GetValueOrDefault(room.RoomId, $"#{room.RoomId}")] = room.Count;
        return new Dictionary<string, JsonObject>
        {
            ["bookings"] = new()
            {
                ["booked"] = byStatus.Sum(s => s.Count),
                ["pending"] = Count(BookingStatus.Pending),
                ["confirmed"] = Count(BookingStatus.Confirmed),
                ["declined"] = Count(BookingStatus.Declined),
                ["cancelled"] = Count(BookingStatus.Cancelled),
                // Meetings that took place (parties checked in, outcome recorded) and those nobody came to.
                ["held"] = Count(BookingStatus.Completed),
                ["noShows"] = Count(BookingStatus.NoShow),
                ["perRoom"] = perRoom,
            },
        };
    }
}
