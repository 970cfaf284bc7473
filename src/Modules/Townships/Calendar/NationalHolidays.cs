namespace Zhizhi.Orchard.Townships.Calendar;

/// <summary>
/// The national public holidays and their make-up workdays, as the State Council publishes them each year.
/// Source for 2026: 国务院办公厅关于2026年部分节假日安排的通知 (国务院办公厅, 2025-11-04, published by Xinhua).
/// A later year is added here once its notice is out; townships add local days on the calendar page.
/// </summary>
internal static class NationalHolidays
{
    public static readonly IReadOnlyList<(DateOnly Date, string Kind, string Name)> All =
    [
        .. Range(2026, 1, 1, 3, "元旦"),
        (new(2026, 1, 4), CalendarKinds.Workday, "元旦调休上班"),
        (new(2026, 2, 14), CalendarKinds.Workday, "春节调休上班"),
        .. Range(2026, 2, 15, 23, "春节"),
        (new(2026, 2, 28), CalendarKinds.Workday, "春节调休上班"),
        .. Range(2026, 4, 4, 6, "清明节"),
        .. Range(2026, 5, 1, 5, "劳动节"),
        (new(2026, 5, 9), CalendarKinds.Workday, "劳动节调休上班"),
        .. Range(2026, 6, 19, 21, "端午节"),
        (new(2026, 9, 20), CalendarKinds.Workday, "国庆节调休上班"),
        .. Range(2026, 9, 25, 27, "中秋节"),
        .. Range(2026, 10, 1, 7, "国庆节"),
        (new(2026, 10, 10), CalendarKinds.Workday, "国庆节调休上班"),
    ];

    private static IEnumerable<(DateOnly, string, string)> Range(int year, int month, int firstDay, int lastDay, string name)
        => Enumerable.Range(firstDay, lastDay - firstDay + 1).Select(d => (new DateOnly(year, month, d), CalendarKinds.Holiday, name));
}
