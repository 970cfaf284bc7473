using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Mediators;
using Zhizhi.Orchard.Mediation.Rooms;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.Mediation.Bookings;

/// <summary>What a resident sends to book a slot.</summary>
public sealed record BookingRequest(int? RoomId, string? Start, string? Category, string? Description, string? OtherParty = null);

internal static partial class BookingRules
{
    public const int MaxDescriptionLength = 1000;
    public const int MaxOtherPartyLength = 100;
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Reads an ISO 8601 time. With an offset ("+08:00", "Z") it is an instant; without one it is read as the
    /// township's local time, which is what a resident means by "09:00".
    /// </summary>
    public static DateTime? ParseStart(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40) return null;
        text = text.Trim();
        if (HasOffset().IsMatch(text))
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant.UtcDateTime : null;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        return SlotCalendar.Local(local, zone).UtcDateTime;
    }

    /// <summary>Adds why <paramref name="start"/> cannot be booked in <paramref name="room"/>, if it cannot.</summary>
    public static void CheckStart(Validation v, Room room, DateTime start, DateTime now, TimeZoneInfo zone, IReadOnlyDictionary<DateOnly, bool> listed)
    {
        if (start <= now) v.Add("start", "不能预约已经过去的时间");
        else if (start > now.AddDays(366)) v.Add("start", "只能预约一年以内的时间");
        else if (SlotCalendar.WhyNotASlot(room, start, zone, listed) is { } why) v.Add("start", why);
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}

/// <summary>
/// Books a slot. The checks are only about the request; who gets a contested slot is decided by the
/// unique index on <see cref="Booking.ActiveSlotKey"/> when the row is inserted, never by a prior read.
/// </summary>
public sealed class BookSlot(MediationDbContext db, TimeProvider clock, ITownshipAccessor townships, ITownshipCalendar calendar, MediatorPicker picker)
{
    public enum Outcome { Booked, Invalid, Taken, NoMediator }

    public const string NoMediatorMessage = "这个时段调解员都已有安排,请选择其他时段";

    public async Task<(Outcome Outcome, Booking? Booking, Validation Validation)> ExecuteAsync(
        BookingRequest r, string applicantId, string? applicantName, CancellationToken ct)
    {
        var zone = TownshipTime.Zone(townships.Current);
        var v = new Validation()
            .Required("description", r.Description, "情况说明", BookingRules.MaxDescriptionLength)
            .Optional("otherParty", r.OtherParty, "对方当事人", BookingRules.MaxOtherPartyLength);
        if (string.IsNullOrWhiteSpace(r.Category)) v.Add("category", "请选择纠纷类别");
        else if (!Categories.All.Contains(r.Category.Trim())) v.Add("category", $"未知的纠纷类别,可选:{string.Join("、", Categories.All)}");
        var start = BookingRules.ParseStart(r.Start, zone);
        if (start is null) v.Add("start", "请选择预约时间(例如 2026-12-01T09:00:00+08:00)");
        Room? room = null;
        if (r.RoomId is not { } roomId) v.Add("roomId", "请选择调解室");
        else if ((room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(x => x.Id == roomId, ct)) is null) v.Add("roomId", "没有这个调解室");
        var now = clock.GetUtcNow().UtcDateTime;
        if (start is { } s && room is not null) BookingRules.CheckStart(v, room, s, now, zone, await calendar.ListedDaysAsync(ct));
        if (!v.IsValid) return (Outcome.Invalid, null, v);

        var slotStart = DateTime.SpecifyKind(start!.Value, DateTimeKind.Utc);
        var slotEnd = slotStart.AddMinutes(room!.SlotMinutes);
        var category = r.Category!.Trim();
        var candidates = await picker.CandidatesAsync(room.Id, category, slotStart, slotEnd, null, ct);
        if (candidates.Count == 0 && await picker.RoomHasMediatorsAsync(room.Id, ct)) return (Outcome.NoMediator, null, v);
        // Try the best mediator first; when another booking took them meanwhile, the next one. A room
        // without mediators is booked alone and staff assign one later.
        IEnumerable<Mediator?> attempts = candidates.Count == 0 ? new Mediator?[] { null } : candidates.Take(5).Select(m => (Mediator?)m);
        foreach (var mediator in attempts)
        {
            var booking = new Booking
            {
                RoomId = room.Id,
                SlotStart = slotStart,
                SlotEnd = slotEnd,
                ActiveSlotKey = Booking.SlotKey(room.Id, slotStart),
                Status = BookingStatus.Pending,
                Code = NewCode(),
                InviteCode = NewCode(),
                Category = category,
                Description = r.Description!.Trim(),
                OtherParty = string.IsNullOrWhiteSpace(r.OtherParty) ? null : r.OtherParty.Trim(),
                ApplicantId = applicantId,
                ApplicantName = applicantName,
                CreatedAt = now,
            };
            db.Bookings.Add(booking);
            picker.Hold(booking, mediator);
            try
            {
                await db.SaveChangesAsync(ct);
                return (Outcome.Booked, booking, v);
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                if (await db.Bookings.AnyAsync(b => b.ActiveSlotKey == booking.ActiveSlotKey, ct)) return (Outcome.Taken, null, v);
            }
        }
        return (Outcome.NoMediator, null, v);
    }

    internal static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A short code the resident shows on arrival; unambiguous letters and digits only.</summary>
    internal static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, 8);
}
