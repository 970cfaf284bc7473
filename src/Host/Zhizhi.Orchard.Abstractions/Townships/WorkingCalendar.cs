namespace Zhizhi.Orchard;

/// <summary>
/// The township's working days: weekends are off, except make-up workdays (调休); public holidays are off.
/// Deadlines given in days (P7D) count working days on this calendar. The Townships module keeps the
/// editable list per township; without it, weekends are the only days off.
/// </summary>
public interface IWorkingCalendar
{
    /// <summary>Whether the local date is a working day in the current township.</summary>
    ValueTask<bool> IsWorkingDayAsync(DateOnly date, CancellationToken ct = default);

    /// <summary>
    /// The instant <paramref name="workingDays"/> working days after <paramref name="utcStart"/>: the same local
    /// time of day on the n-th following working day of the township's calendar.
    /// </summary>
    ValueTask<DateTime> AddWorkingDaysAsync(DateTime utcStart, int workingDays, CancellationToken ct = default);
}

/// <summary>Deadline arithmetic shared by modules: day-only durations count working days, shorter ones elapsed time.</summary>
public static class Deadlines
{
    /// <summary>Parses an ISO 8601 duration (P7D, PT2H, PT30S); null when it is not a positive duration.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var span = System.Xml.XmlConvert.ToTimeSpan(text.Trim());
            return span > TimeSpan.Zero ? span : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>The number of days when the duration is given in whole days or weeks only (P7D, P2W), else null.</summary>
    public static int? WholeDays(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().ToUpperInvariant();
        if (t.Contains('T') || Parse(t) is not { } span) return null;
        return span.Ticks % TimeSpan.TicksPerDay == 0 ? (int)span.TotalDays : null;
    }

    /// <summary>When a deadline given as an ISO 8601 duration falls, counted from <paramref name="utcStart"/>.</summary>
    public static async ValueTask<DateTime?> DueAsync(IWorkingCalendar calendar, DateTime utcStart, string? duration, CancellationToken ct = default)
    {
        if (WholeDays(duration) is { } days) return await calendar.AddWorkingDaysAsync(utcStart, days, ct);
        return Parse(duration) is { } span ? utcStart + span : null;
    }
}

/// <summary>Saturdays and Sundays off, no holidays: the calendar of a township that has not set one.</summary>
public sealed class WeekendCalendar(ITownshipAccessor township) : IWorkingCalendar
{
    public ValueTask<bool> IsWorkingDayAsync(DateOnly date, CancellationToken ct = default)
        => ValueTask.FromResult(date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    public async ValueTask<DateTime> AddWorkingDaysAsync(DateTime utcStart, int workingDays, CancellationToken ct = default)
        => await WorkingDays.AddAsync(TownshipTime.Zone(township.Current), utcStart, workingDays, IsWorkingDayAsync, ct);
}

public static class WorkingDays
{
    /// <summary>Walks local dates forward, counting those <paramref name="isWorkingDay"/> accepts (at most ten years).</summary>
    public static async ValueTask<DateTime> AddAsync(TimeZoneInfo zone, DateTime utcStart, int workingDays,
        Func<DateOnly, CancellationToken, ValueTask<bool>> isWorkingDay, CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcStart, DateTimeKind.Utc), zone);
        var date = DateOnly.FromDateTime(local);
        var counted = 0;
        for (var guard = 0; counted < workingDays && guard < 3660; guard++)
        {
            date = date.AddDays(1);
            if (await isWorkingDay(date, ct)) counted++;
        }
        var dueLocal = date.ToDateTime(TimeOnly.FromDateTime(local), DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(dueLocal, zone);
    }
}
