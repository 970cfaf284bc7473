using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Mediation.Mediators;

/// <summary>What a mediator's absence must satisfy, and the bookings it would leave without their mediator.</summary>
internal static class AbsenceRules
{
    public const int MaxReasonLength = 200;

    /// <param name="start">UTC, or null when missing or unreadable.</param>
    public static async Task<Validation> ValidateAsync(
        MediationDbContext db, int mediatorId, DateTime? start, DateTime? end, string? reason, DateTime nowUtc, TimeZoneInfo zone, CancellationToken ct)
    {
        var v = new Validation().Optional("reason", reason, "原因", MaxReasonLength);
        if (start is null) v.Add("start", "请填写开始时间");
        if (end is null) v.Add("end", "请填写结束时间");
        if (start is not { } s || end is not { } e) return v;
        if (e <= s) v.Add("end", "结束时间须晚于开始时间");
        else if (e <= nowUtc) v.Add("end", "结束时间已经过去,不必再登记");
        else if (await db.MediatorAbsences.AsNoTracking().Where(a => a.MediatorId == mediatorId && a.Start < e && a.End > s)
                     .OrderBy(a => a.Start).FirstOrDefaultAsync(ct) is { } overlap)
            v.Add("start", $"与已登记的不可预约时间重叠({Local(overlap.Start, zone)} 至 {Local(overlap.End, zone)}),请修改或先删除那一条");
        return v;
    }

    /// <summary>The mediator's pending or confirmed bookings within [start, end): they would need another mediator.</summary>
    public static Task<List<Booking>> HeldBookingsAsync(MediationDbContext db, int mediatorId, DateTime startUtc, DateTime endUtc, CancellationToken ct)
        => db.Bookings.AsNoTracking()
            .Where(b => b.MediatorId == mediatorId && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed)
                && b.SlotStart < endUtc && b.SlotEnd > startUtc)
            .OrderBy(b => b.SlotStart).ToListAsync(ct);

    public static string Local(DateTime utc, TimeZoneInfo zone) => SlotCalendar.ToLocal(utc, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
