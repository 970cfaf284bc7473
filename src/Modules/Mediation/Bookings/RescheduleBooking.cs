using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Mediators;
using Zhizhi.Orchard.Mediation.Settings;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.Mediation.Bookings;

public sealed record RescheduleRequest(string? Start);

/// <summary>
/// The applicant moves their booking to another slot of the same room, up to the township's limit before
/// the start. The new slot is won like a new booking (unique slot key, mediator holds); the booking goes
/// back to "pending" for staff to confirm the new time, and tomorrow's reminder is due again.
/// </summary>
public sealed class RescheduleBooking(MediationDbContext db, TimeProvider clock, ITownshipAccessor townships, ITownshipCalendar calendar, MediatorPicker picker)
{
    public async Task<(ChangeBooking.Outcome Outcome, Booking? Booking, Validation Validation)> ExecuteAsync(int id, RescheduleRequest r, string applicantId, CancellationToken ct)
    {
        var v = new Validation();
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.ApplicantId == applicantId, ct);
        if (booking is null) return (ChangeBooking.Outcome.NotFound, null, v);
        if (!booking.IsOpen) return (ChangeBooking.Outcome.WrongState, booking, v);
        var now = clock.GetUtcNow().UtcDateTime;
        var limit = (await MediationSettingsStore.GetAsync(db, ct)).ChangeLimitHours;
        if (now > booking.SlotStart.AddHours(-limit)) return (ChangeBooking.Outcome.TooLate, booking, v);
        var room = await db.Rooms.AsNoTracking().FirstAsync(x => x.Id == booking.RoomId, ct);
        var zone = TownshipTime.Zone(townships.Current);
        if (BookingRules.ParseStart(r.Start, zone) is not { } start) v.Add("start", "请选择新的预约时间(例如 2026-12-01T09:00:00+08:00)");
        else
        {
            BookingRules.CheckStart(v, room, start, now, zone, await calendar.ListedDaysAsync(ct));
            if (v.IsValid && start == DateTime.SpecifyKind(booking.SlotStart, DateTimeKind.Utc)) v.Add("start", "新时间与原时间相同");
        }
        if (!v.IsValid) return (ChangeBooking.Outcome.Done, null, v);

        var slotStart = DateTime.SpecifyKind(BookingRules.ParseStart(r.Start, zone)!.Value, DateTimeKind.Utc);
        var slotEnd = slotStart.AddMinutes(room.SlotMinutes);
        var candidates = await picker.CandidatesAsync(room.Id, booking.Category, slotStart, slotEnd, booking.Id, ct);
        if (candidates.Count == 0 && await picker.RoomHasMediatorsAsync(room.Id, ct)) return (ChangeBooking.Outcome.Taken, booking, v);
        // Keep the same mediator when they are free at the new time.
        IEnumerable<Mediator?> attempts = candidates.Count == 0 ? new Mediator?[] { null } : candidates.OrderByDescending(m => m.Id == booking.MediatorId).Take(5).Select(m => (Mediator?)m);
        foreach (var mediator in attempts)
        {
            var tracked = await db.Bookings.FirstAsync(b => b.Id == id, ct);
            if (tracked.Version != booking.Version) return (ChangeBooking.Outcome.WrongState, tracked, v);
            await picker.ReleaseAsync(tracked, ct);
            tracked.SlotStart = slotStart;
            tracked.SlotEnd = slotEnd;
            tracked.ActiveSlotKey = Booking.SlotKey(room.Id, slotStart);
            tracked.Status = BookingStatus.Pending;
            tracked.Reschedules++;
            tracked.ReminderSentAt = null;
            tracked.Version++;
            picker.Hold(tracked, mediator);
            try
            {
                await db.SaveChangesAsync(ct);
                return (ChangeBooking.Outcome.Done, tracked, v);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return (ChangeBooking.Outcome.WrongState, booking, v);
            }
            catch (DbUpdateException ex) when (BookSlot.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                var key = Booking.SlotKey(room.Id, slotStart);
                if (await db.Bookings.AnyAsync(b => b.ActiveSlotKey == key, ct)) return (ChangeBooking.Outcome.Taken, booking, v);
            }
        }
        return (ChangeBooking.Outcome.Taken, booking, v);
    }
}
