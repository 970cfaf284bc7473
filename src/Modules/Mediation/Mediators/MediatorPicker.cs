using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;

namespace Zhizhi.Orchard.Mediation.Mediators;

/// <summary>
/// Chooses the mediator for a booking: one who serves the room, is not away and not already holding the
/// time, preferring those good at the category, then the least loaded (active bookings within two weeks
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
        var serving = await ServingAsync(roomId, ct);
        if (serving.Count == 0) return [];
        var ids = serving.Select(m => m.Id).ToList();
        var unavailable = (await UnavailableAsync(ids, startUtc, endUtc, forBooking, ct)).ToHashSet();
        var from = startUtc.AddDays(-14);
        var to = startUtc.AddDays(14);
        var load = await db.Bookings.AsNoTracking()
            .Where(b => b.MediatorId != null && ids.Contains(b.MediatorId.Value) && b.ActiveSlotKey != null && b.SlotStart >= from && b.SlotStart <= to)
            .GroupBy(b => b.MediatorId!.Value).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        return [.. serving.Where(m => !unavailable.Contains(m.Id))
            .OrderByDescending(m => m.Specialties.Contains(category))
            .ThenBy(m => load.GetValueOrDefault(m.Id))
            .ThenBy(m => m.Id)];
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
