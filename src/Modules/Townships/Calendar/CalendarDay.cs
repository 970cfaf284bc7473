namespace Zhizhi.Orchard.Townships.Calendar;

/// <summary>
/// A dated exception to the weekend rule in one township: a day off (放假) on a weekday, or a make-up
/// workday (调休上班) on a weekend. Days not listed follow the rule: Monday to Friday work.
/// </summary>
public sealed class CalendarDay
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    /// <summary><see cref="CalendarKinds.Holiday"/> or <see cref="CalendarKinds.Workday"/>.</summary>
    public required string Kind { get; set; }
    public required string Name { get; set; }
}

public static class CalendarKinds
{
    public const string Holiday = "holiday";
    public const string Workday = "workday";

    public static string Chinese(string kind) => kind == Workday ? "调休上班" : "放假";

    /// <summary>Reads the English or the Chinese name of a kind; null when it is neither.</summary>
    public static string? Parse(string? text) => text?.Trim() switch
    {
        Holiday or "放假" => Holiday,
        Workday or "调休上班" or "上班" => Workday,
        _ => null,
    };
}
