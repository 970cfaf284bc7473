using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Townships.Data;

namespace Zhizhi.Orchard.Townships.Calendar;

/// <summary>
/// Each township's listed days, held in memory: deadlines and workflow timers ask the calendar for many
/// dates at a time, and once loaded every answer completes synchronously without touching the database.
/// Edits drop the township's entry; the next question reloads it (a few dozen rows a year).
/// </summary>
public sealed class WorkingCalendarCache
{
    private readonly ConcurrentDictionary<string, FrozenDictionary<DateOnly, bool>> _byTownship = new(StringComparer.Ordinal);

    public bool TryGet(string township, out FrozenDictionary<DateOnly, bool> days) => _byTownship.TryGetValue(township, out days!);

    public void Set(string township, FrozenDictionary<DateOnly, bool> days) => _byTownship[township] = days;

    public void Invalidate(string township) => _byTownship.TryRemove(township, out _);
}

/// <summary>The township's working calendar: the weekend rule, overridden by the days listed on its calendar page.</summary>
internal sealed class TownshipWorkingCalendar(ITownshipAccessor township, WorkingCalendarCache cache, IServiceProvider services) : IWorkingCalendar, Contracts.ITownshipCalendar
{
    public async ValueTask<IReadOnlyDictionary<DateOnly, bool>> ListedDaysAsync(CancellationToken ct = default) => await DaysAsync(ct);

    public ValueTask<bool> IsWorkingDayAsync(DateOnly date, CancellationToken ct = default)
        => cache.TryGet(township.Current.Name, out var days)
            ? ValueTask.FromResult(IsWorkingDay(days, date))
            : LoadAndAskAsync(date, ct);

    public async ValueTask<DateTime> AddWorkingDaysAsync(DateTime utcStart, int workingDays, CancellationToken ct = default)
    {
        var days = await DaysAsync(ct);
        return await WorkingDays.AddAsync(TownshipTime.Zone(township.Current), utcStart, workingDays,
            (d, _) => ValueTask.FromResult(IsWorkingDay(days, d)), ct);
    }

    public static bool IsWorkingDay(FrozenDictionary<DateOnly, bool> listed, DateOnly date)
        => listed.TryGetValue(date, out var working) ? working : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The listed days of the current township: date → whether it is worked.</summary>
    public async ValueTask<FrozenDictionary<DateOnly, bool>> DaysAsync(CancellationToken ct)
    {
        var name = township.Current.Name;
        if (cache.TryGet(name, out var days)) return days;
        var db = services.GetRequiredService<PortalDbContext>();
        var rows = await db.CalendarDays.AsNoTracking().Select(d => new { d.Date, d.Kind }).ToListAsync(ct);
        days = rows.ToFrozenDictionary(r => r.Date, r => r.Kind == CalendarKinds.Workday);
        cache.Set(name, days);
        return days;
    }

    private async ValueTask<bool> LoadAndAskAsync(DateOnly date, CancellationToken ct) => IsWorkingDay(await DaysAsync(ct), date);
}
