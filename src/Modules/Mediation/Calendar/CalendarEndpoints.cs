using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;

namespace Zhizhi.Orchard.Mediation.Calendar;

/// <summary>
/// An iCalendar feed (RFC 5545) of a room's active bookings, for the room's own calendar app. It is public,
/// so it carries no personal data: only times and whether the booking is confirmed.
/// </summary>
internal static class CalendarEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/mediation/rooms/{id:int}/calendar.ics", CalendarAsync).AllowAnonymous().WithTags("调解预约").WithSummary("调解室日历(iCalendar)");

    private static async Task<Results<ContentHttpResult, NotFound>> CalendarAsync(int id, MediationDbContext db, TimeProvider clock, Township township, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Id, r.Name }).FirstOrDefaultAsync(ct);
        if (room is null) return TypedResults.NotFound();
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.RoomId == id && b.ActiveSlotKey != null && b.SlotStart >= since)
            .OrderBy(b => b.SlotStart).Take(5000)
            .Select(b => new { b.Id, b.SlotStart, b.SlotEnd, b.Status, b.CreatedAt })
            .ToListAsync(ct);
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//Zhizhi.Orchard//Mediation//ZH");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        Line(ics, "X-WR-CALNAME:" + Escape(room.Name));
        var stamp = Utc(clock.GetUtcNow().UtcDateTime);
        foreach (var b in bookings)
        {
            Line(ics, "BEGIN:VEVENT");
            Line(ics, $"UID:booking-{b.Id}@{township.Name}.mediation.zhizhi");
            Line(ics, "DTSTAMP:" + stamp);
            Line(ics, "DTSTART:" + Utc(b.SlotStart));
            Line(ics, "DTEND:" + Utc(b.SlotEnd));
            var settled = b.Status != BookingStatus.Pending;
            Line(ics, "SUMMARY:" + (settled ? "调解预约(已确认)" : "调解预约(待确认)"));
            Line(ics, "STATUS:" + (settled ? "CONFIRMED" : "TENTATIVE"));
            Line(ics, "END:VEVENT");
        }
        Line(ics, "END:VCALENDAR");
        return TypedResults.Text(ics.ToString(), "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    private static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r", "").Replace("\n", "\\n");

    /// <summary>Writes one content line, folded at 75 octets as RFC 5545 asks (never inside a UTF-8 character).</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                ics.Append("\r\n ");
                octets = 1;
                limit = 75;
            }
            ics.Append(rune.ToString());
            octets += size;
        }
        ics.Append("\r\n");
    }
}
