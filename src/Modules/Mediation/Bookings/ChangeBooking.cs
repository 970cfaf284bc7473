using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Mediation.Contracts;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Mediators;
using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Mediation.Bookings;

/// <summary>
/// Moves a booking through its states. Each change bumps <see cref="Booking.Version"/>, a concurrency token:
/// when a cancel and a confirm race, one wins and the other gets "wrong state" instead of overwriting it.
/// </summary>
public sealed class ChangeBooking(MediationDbContext db, TimeProvider clock, ITownshipAccessor townships, MediatorPicker picker)
{
    public enum Outcome { Done, NotFound, WrongState, TooLate, Taken }

    private TimeZoneInfo Zone => TownshipTime.Zone(townships.Current);

    /// <param name="applicantLimitHours">For the applicant: how close to the start they may still cancel; null for staff.</param>
    public async Task<(Outcome Outcome, Booking? Booking)> CancelAsync(int id, Func<Booking, bool> mayAct, string? by, int? applicantLimitHours, CancellationToken ct)
        => await ChangeAsync(id, mayAct, b => b.IsOpen, async b =>
        {
            if (applicantLimitHours is { } hours && clock.GetUtcNow().UtcDateTime > b.SlotStart.AddHours(-hours)) return Outcome.TooLate;
            b.Status = BookingStatus.Cancelled;
            b.DecidedBy ??= by;
            await picker.ReleaseAsync(b, ct);
            return Outcome.Done;
        }, ct);

    public async Task<(Outcome Outcome, Booking? Booking)> ConfirmAsync(int id, string? by, CancellationToken ct)
        => await ChangeAsync(id, _ => true, b => b.Status == BookingStatus.Pending, async b =>
        {
            b.Status = BookingStatus.Confirmed;
            b.DecidedBy = by;
            var now = clock.GetUtcNow().UtcDateTime;
            db.Publish(new BookingConfirmed(b.Id, b.Code, b.RoomId, await RoomNameAsync(b, ct), SlotCalendar.ToLocal(b.SlotStart, Zone), SlotCalendar.ToLocal(b.SlotEnd, Zone),
                b.Category, b.ApplicantId, now), now);
            return Outcome.Done;
        }, ct);

    public async Task<(Outcome Outcome, Booking? Booking)> DeclineAsync(int id, string? reason, string? by, CancellationToken ct)
        => await ChangeAsync(id, _ => true, b => b.Status == BookingStatus.Pending, async b =>
        {
            b.Status = BookingStatus.Declined;
            b.DeclineReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            b.DecidedBy = by;
            await picker.ReleaseAsync(b, ct);
            return Outcome.Done;
        }, ct);

    /// <summary>The parties arrived: only a confirmed booking, from an hour before its start to its end.</summary>
    public async Task<(Outcome Outcome, Booking? Booking)> CheckInAsync(int id, CancellationToken ct)
        => await ChangeAsync(id, _ => true, b => b.Status == BookingStatus.Confirmed && b.CheckedInAt is null, b =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (now < b.SlotStart.AddHours(-1)) return Task.FromResult(Outcome.TooLate);
            b.CheckedInAt = now;
            return Task.FromResult(Outcome.Done);
        }, ct);

    /// <summary>Nobody came: a confirmed booking not checked in, once its start has passed.</summary>
    public async Task<(Outcome Outcome, Booking? Booking)> NoShowAsync(int id, string? note, string? by, CancellationToken ct)
        => await ChangeAsync(id, _ => true, b => b.Status == BookingStatus.Confirmed && b.CheckedInAt is null, async b =>
        {
            if (clock.GetUtcNow().UtcDateTime < b.SlotStart) return Outcome.TooLate;
            b.Status = BookingStatus.NoShow;
            await RecordAsync(b, BookingOutcomes.NoShow, note, by, ct);
            return Outcome.Done;
        }, ct);

    /// <summary>How the meeting ended (settled or not): a checked-in booking; publishes <see cref="BookingOutcomeRecorded"/>.</summary>
    public async Task<(Outcome Outcome, Booking? Booking)> RecordOutcomeAsync(int id, string outcome, string? note, string? by, CancellationToken ct)
        => await ChangeAsync(id, _ => true, b => b.Status == BookingStatus.Confirmed && b.CheckedInAt is not null, async b =>
        {
            b.Status = BookingStatus.Completed;
            await RecordAsync(b, outcome, note, by, ct);
            return Outcome.Done;
        }, ct);

    /// <summary>Staff give the booking another mediator; 409 (Taken) when that mediator is away or busy then.</summary>
    public async Task<(Outcome Outcome, Booking? Booking)> AssignMediatorAsync(int id, Mediator mediator, CancellationToken ct)
        => await ChangeAsync(id, _ => true, b => b.IsOpen, async b =>
        {
            if (b.MediatorId == mediator.Id) return Outcome.Done;
            if ((await picker.UnavailableAsync([mediator.Id], b.SlotStart, b.SlotEnd, b.Id, ct)).Count > 0) return Outcome.Taken;
            await picker.ReleaseAsync(b, ct);
            picker.Hold(b, mediator);
            return Outcome.Done;
        }, ct);

    private async Task RecordAsync(Booking b, string outcome, string? note, string? by, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        b.Outcome = outcome;
        b.OutcomeNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        b.OutcomeAt = now;
        b.DecidedBy = by ?? b.DecidedBy;
        db.Publish(new BookingOutcomeRecorded(b.Id, b.Code, b.RoomId, await RoomNameAsync(b, ct), SlotCalendar.ToLocal(b.SlotStart, Zone), b.Category,
            b.ApplicantId, b.Description, b.OtherParty, outcome, b.OutcomeNote, b.MediatorName, now), now);
    }

    private async Task<string> RoomNameAsync(Booking b, CancellationToken ct)
        => await db.Rooms.AsNoTracking().Where(r => r.Id == b.RoomId).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? "";

    private async Task<(Outcome, Booking?)> ChangeAsync(
        int id, Func<Booking, bool> mayAct, Func<Booking, bool> allowed, Func<Booking, Task<Outcome>> apply, CancellationToken ct)
    {
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (booking is null || !mayAct(booking)) return (Outcome.NotFound, null);
        if (!allowed(booking)) return (Outcome.WrongState, booking);
        var result = await apply(booking);
        if (result != Outcome.Done)
        {
            db.ChangeTracker.Clear();
            return (result, booking);
        }
        booking.DecidedAt = clock.GetUtcNow().UtcDateTime;
        booking.ActiveSlotKey = booking.HoldsSlot ? Booking.SlotKey(booking.RoomId, DateTime.SpecifyKind(booking.SlotStart, DateTimeKind.Utc)) : null;
        booking.Version++;
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
        catch (DbUpdateException ex) when (BookSlot.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return (Outcome.Taken, booking);
        }
    }
}
