using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;

namespace Zhizhi.Orchard.Mediation.Mediators;

/// <summary>
/// Chooses the mediator for a booking: one who serves the room, is not away and not already holding the
/// time, preferring those good at the category, then the least loaded (booked time within two weeks
/// either side). The read only orders the candidates; the unique index on the holds decides.
/// </summary>
public sealed class MediatorPicker(MediationDbContext db)
{
    public async Task<bool> RoomHasMediatorsAsync(int roomId, CancellationToken ct)
        => (await ServingAsync(roomId, ct)).Count > 0;

    private async Task<List<Mediator>> ServingAsync(int roomId, CancellationToken ct)
        => [.. (await db.Mediators.AsNoTracking().Where(m => m.Active).ToListAsync(ct)).Where(m => m.RoomIds.Contains(roomId))];

    public async Task<List<Mediator>> CandidatesAsync(int roomId, string category, DateTime startUtc, DateTime endUtc, int? forBooking, CancellationToken ct)
    {
        // One round trip: every active mediator with whether they are away or already holding part of the
        // time, and their booked time within two weeks either side (a range scan of the unique hold index,
        // which covers it). RoomIds is JSON text, so the room filter is applied to the few rows in memory.
        var other = forBooking ?? 0;
        var from = startUtc.AddDays(-14);
        var to = startUtc.AddDays(14);
        var rows = await db.Mediators.AsNoTracking().Where(m => m.Active)
            .Select(m => new
            {
                Mediator = m,
                Away = db.MediatorAbsences.Any(a => a.MediatorId == m.Id && a.Start < endUtc && a.End > startUtc),
                Busy = db.MediatorHolds.Any(h => h.MediatorId == m.Id && h.At >= startUtc && h.At < endUtc && h.BookingId != other),
                Load = db.MediatorHolds.Count(h => h.MediatorId == m.Id && h.At >= from && h.At <= to),
            })
            .ToListAsync(ct);
        return [.. rows.Where(r => r.Mediator.RoomIds.Contains(roomId) && !r.Away && !r.Busy)
            .OrderByDescending(r => r.Mediator.Specialties.Contains(category))
            .ThenBy(r => r.Load)
            .ThenBy(r => r.Mediator.Id)
            .Select(r => r.Mediator)];
    }

    /// <summary>Of <paramref name="ids"/>, those away or already holding part of [start, end) for another booking.</summary>
    public async Task<List<int>> UnavailableAsync(IReadOnlyCollection<int> ids, DateTime startUtc, DateTime endUtc, int? forBooking, CancellationToken ct)
    {
        var other = forBooking ?? 0;
        var away = await db.MediatorAbsences.AsNoTracking()
            .Where(a => ids.Contains(a.MediatorId) && a.Start < endUtc && a.End > startUtc).Select(a => a.MediatorId).ToListAsync(ct);
        var busy = await db.MediatorHolds.AsNoTracking()
            .Where(h => ids.Contains(h.MediatorId) && h.At >= startUtc && h.At < endUtc && h.BookingId != other).Select(h => h.MediatorId).ToListAsync(ct);
        return [.. away.Concat(busy).Distinct()];
    }

    /// <summary>Reserves the mediator's time for the booking (rows written by the caller's SaveChanges).</summary>
    public void Hold(Booking booking, Mediator? mediator)
    {
        booking.MediatorId = mediator?.Id;
        booking.MediatorName = mediator?.Name;
        if (mediator is null) return;
        foreach (var at in MediatorHold.Pieces(booking.SlotStart, booking.SlotEnd))
            db.MediatorHolds.Add(new MediatorHold { MediatorId = mediator.Id, Booking = booking, BookingId = booking.Id, At = at });
    }

    /// <summary>Gives the booking's mediator time back (rows removed by the caller's SaveChanges).</summary>
    public async Task ReleaseAsync(Booking booking, CancellationToken ct)
    {
        var holds = await db.MediatorHolds.Where(h => h.BookingId == booking.Id).ToListAsync(ct);
        db.MediatorHolds.RemoveRange(holds);
    }
}
