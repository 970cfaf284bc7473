namespace Zhizhi.Orchard;

/// <summary>Times are stored in UTC and shown in the township's time zone (Asia/Shanghai by default).</summary>
public static class TownshipTime
{
    public static TimeZoneInfo Zone(Township township)
        => TimeZoneInfo.TryFindSystemTimeZoneById(township.Settings.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTime ToLocal(Township township, DateTime utc)
        => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(township));

    /// <summary>The township's calendar date at <paramref name="utc"/>.</summary>
    public static DateOnly Today(Township township, DateTime utc) => DateOnly.FromDateTime(ToLocal(township, utc));
}
