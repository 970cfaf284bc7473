namespace Zhizhi.Orchard.Mediation.Rooms;

/// <summary>A bookable time of a room, in the township's time zone.</summary>
public readonly record struct SlotDto(DateTimeOffset Start, DateTimeOffset End, bool Available);

/// <summary>
/// Turns a room's weekly opening hours into concrete slots. Pure and in memory: the caller fetches the
/// range's bookings with one query, so a month of slots costs microseconds. The township calendar's
/// listed days (date → worked) close the room on holidays and, if the room says so, open it on make-up
/// workdays with its first weekday's hours (a 调休 Saturday is worked like a weekday).
/// </summary>
internal static class SlotCalendar
{
    public const int MaxDays = 31;

    private static readonly IReadOnlyDictionary<DateOnly, bool> NoListedDays = new Dictionary<DateOnly, bool>();

    public static int IsoDay(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;

    /// <summary>The room's hours on a date, or why it is closed.</summary>
    public static (List<OpeningHours> Hours, string? Closed) HoursOn(Room room, DateOnly day, IReadOnlyDictionary<DateOnly, bool> listed)
    {
        if (room.ClosedDays.Contains(day)) return ([], $"{day:yyyy-MM-dd} 是调解室的休息日,请选择其他日期");
        var iso = IsoDay(day.DayOfWeek);
        if (listed.TryGetValue(day, out var worked))
        {
            if (!worked) return ([], $"{day:yyyy-MM-dd} 是法定节假日,调解室不开放");
            if (iso >= 6)
            {
                if (!room.OpenOnMakeUpWorkdays) return ([], $"{day:yyyy-MM-dd} 是调休上班日,这个调解室不开放");
                var weekday = room.OpeningHours.Where(h => h.DayOfWeek <= 5).Select(h => h.DayOfWeek).DefaultIfEmpty(0).Min();
                return ([.. room.OpeningHours.Where(h => h.DayOfWeek == weekday).OrderBy(h => h.Start, StringComparer.Ordinal)], null);
            }
        }
        var hours = room.OpeningHours.Where(h => h.DayOfWeek == iso).OrderBy(h => h.Start, StringComparer.Ordinal).ToList();
        return (hours, hours.Count == 0 ? "调解室这一天不开放,请选择其他日期" : null);
    }

    public static List<(DateTimeOffset Start, DateTimeOffset End)> Generate(Room room, DateOnly from, DateOnly to, TimeZoneInfo zone)
        => Generate(room, from, to, zone, NoListedDays);

    /// <summary>Every slot whose local date lies in [<paramref name="from"/>, <paramref name="to"/>], in order.</summary>
    public static List<(DateTimeOffset Start, DateTimeOffset End)> Generate(Room room, DateOnly from, DateOnly to, TimeZoneInfo zone, IReadOnlyDictionary<DateOnly, bool> listed)
    {
        var length = TimeSpan.FromMinutes(room.SlotMinutes);
        var slots = new List<(DateTimeOffset, DateTimeOffset)>(Math.Min((to.DayNumber - from.DayNumber + 1) * MostSlotsADay(room, length), 50_000));
        // An ordinary weekday's hours are the same every week: worked out once per weekday, not once per date.
        var weekly = new Dictionary<int, List<(TimeSpan Open, TimeSpan Close)>>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var ordinary = !room.ClosedDays.Contains(day) && !listed.ContainsKey(day);
            var iso = IsoDay(day.DayOfWeek);
            if (!ordinary || !weekly.TryGetValue(iso, out var hours))
            {
                hours = [.. HoursOn(room, day, listed).Hours
                    .Select(h => (Open: CreateRoom.ParseTime(h.Start), Close: CreateRoom.ParseTime(h.End)))
                    .Where(h => h.Open is not null && h.Close is not null)
                    .Select(h => (h.Open!.Value.ToTimeSpan(), h.Close!.Value.ToTimeSpan()))];
                if (ordinary) weekly[iso] = hours;
            }
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            // One offset for the whole day unless the zone changes it that day (daylight saving).
            var offset = zone.GetUtcOffset(midnight);
            var sameAllDay = zone.GetUtcOffset(midnight.AddDays(1).AddTicks(-1)) == offset;
            foreach (var (open, close) in hours)
                for (var t = open; t + length <= close; t += length)
                {
                    var local = midnight + t;
                    var start = sameAllDay ? new DateTimeOffset(local, offset) : Local(local, zone);
                    slots.Add((start, start + length));
                }
        }
        return slots;
    }

    /// <summary>The most slots the room's weekly hours give on one day (the list's capacity: no regrowing on the way).</summary>
    private static int MostSlotsADay(Room room, TimeSpan length)
        => length <= TimeSpan.Zero ? 0 : room.OpeningHours.GroupBy(h => h.DayOfWeek)
            .Select(day => day.Sum(h => CreateRoom.ParseTime(h.Start) is { } open && CreateRoom.ParseTime(h.End) is { } close && close > open
                ? (int)((close.ToTimeSpan() - open.ToTimeSpan()).Ticks / length.Ticks) : 0))
            .DefaultIfEmpty(0).Max();

    public static string? WhyNotASlot(Room room, DateTime startUtc, TimeZoneInfo zone) => WhyNotASlot(room, startUtc, zone, NoListedDays);

    /// <summary>Why <paramref name="startUtc"/> is not the start of one of the room's slots, or null when it is.</summary>
    public static string? WhyNotASlot(Room room, DateTime startUtc, TimeZoneInfo zone, IReadOnlyDictionary<DateOnly, bool> listed)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), zone);
        var day = DateOnly.FromDateTime(local);
        var (open, closed) = HoursOn(room, day, listed);
        if (closed is not null) return closed;
        var time = local.TimeOfDay;
        var length = TimeSpan.FromMinutes(room.SlotMinutes);
        foreach (var hours in open)
        {
            if (CreateRoom.ParseTime(hours.Start) is not { } o || CreateRoom.ParseTime(hours.End) is not { } c) continue;
            var offset = time - o.ToTimeSpan();
            if (offset < TimeSpan.Zero || time + length > c.ToTimeSpan()) continue;
            if (offset.Ticks % length.Ticks != 0) return $"预约须从时段的开始时间起(每段 {room.SlotMinutes} 分钟,从 {hours.Start} 起算)";
            return null;
        }
        return $"所选时间不在开放时间内(当天开放:{string.Join("、", open.Select(h => $"{h.Start}-{h.End}"))})";
    }

    public static DateTimeOffset Local(DateTime localTime, TimeZoneInfo zone)
        => new(DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified), zone.GetUtcOffset(localTime));

    public static DateTimeOffset ToLocal(DateTime utc, TimeZoneInfo zone)
    {
        var u = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeFromUtc(u, zone), zone.GetUtcOffset(u));
    }
}
