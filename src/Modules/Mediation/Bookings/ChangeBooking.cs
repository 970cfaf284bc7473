using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Mediation.Contracts;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Mediation.Bookings;

/// <summary>
/// Moves a booking through its states. Each change bumps <see cref="Booking.Version"/>, a concurrency token:
/// when a cancel and a confirm race, one wins and the other gets "wrong state" instead of overwriting it.
/// </summary>
public sealed class ChangeBooking(MediationDbContext db, TimeProvider clock, ITownshipAccessor townships)
{
    public enum Outcome { Done, NotFound, WrongState }

    public async Task<(Outcome Outcome, Booking? Booking)> CancelAsync(int id, Func<Booking, bool> mayAct, string? by, CancellationToken ct)
        => await ChangeAsync(id, mayAct, b => b.HoldsSlot, b =>
        {
            b.Status = BookingStatus.Cancelled;
            b.DecidedBy ??= by;
        }, null, ct);

    public async Task<(Outcome Outcome, Booking? Booking)> ConfirmAsync(int id, string? by, CancellationToken ct)
        => await ChangeAsync(id, _ => true, b => b.Status == BookingStatus.Pending, b =>
        {
            b.Status = BookingStatus.Confirmed;
            b.DecidedBy = by;
        }, async (b, now) =>
        {
            var room = await db.Rooms.AsNoTracking().Where(r => r.Id == b.RoomId).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? "";
            var zone = TownshipTime.Zone(townships.Current);
            db.Publish(new BookingConfirmed(b.Id, b.Code, b.RoomId, room, SlotCalendar.ToLocal(b.SlotStart, zone), SlotCalendar.ToLocal(b.SlotEnd, zone),
                b.Category, b.ApplicantId, now), now);
        }, ct);

    public async Task<(Outcome Outcome, Booking? Booking)> DeclineAsync(int id, string? reason, string? by, CancellationToken ct)
        => await ChangeAsync(id, _ => true, b => b.Status == BookingStatus.Pending, b =>
        {
            b.Status = BookingStatus.Declined;
            b.DeclineReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            b.DecidedBy = by;
        }, null, ct);

    private async Task<(Outcome, Booking?)> ChangeAsync(
        int id, Func<Booking, bool> mayAct, Func<Booking, bool> allowed, Action<Booking> apply, Func<Booking, DateTime, Task>? publish, CancellationToken ct)
    {
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (booking is null || !mayAct(booking)) return (Outcome.NotFound, null);
        if (!allowed(booking)) return (Outcome.WrongState, booking);
        var now = clock.GetUtcNow().UtcDateTime;
        apply(booking);
        booking.DecidedAt = now;
        booking.ActiveSlotKey = booking.HoldsSlot ? Booking.SlotKey(booking.RoomId, DateTime.SpecifyKind(booking.SlotStart, DateTimeKind.Utc)) : null;
        booking.Version++;
        if (publish is not null) await publish(booking, now);
        try
        {
            await db.SaveChangesAsync(ct);
            return (Outcome.Done, booking);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (Outcome.WrongState, await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct));
        }
    }
}
