using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Townships.Data;

namespace Zhizhi.Orchard.Townships.Calendar;

public sealed record CalendarDayRequest(string? Date, string? Kind, string? Name);

public sealed record CalendarDayDto(string Date, string Kind, string KindText, string Name)
{
    internal static CalendarDayDto From(CalendarDay d) => new(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Kind, CalendarKinds.Chinese(d.Kind), d.Name);
}

/// <summary>
/// Adds, removes and imports the township's dated exceptions. Every change drops the township's cached
/// calendar so deadlines computed afterwards see it. A date is listed at most once (unique index).
/// </summary>
public sealed class EditCalendar(PortalDbContext db, WorkingCalendarCache cache, ITownshipAccessor township)
{
    public const int MaxNameLength = 50;

    public static Validation Validate(CalendarDayRequest r)
    {
        var v = new Validation().Required("name", r.Name, "名称", MaxNameLength);
        if (string.IsNullOrWhiteSpace(r.Date)) v.Add("date", "请填写日期");
        else if (ParseDate(r.Date) is not { } date) v.Add("date", "日期须写成“2026-10-01”的形式");
        else if (date.Year is < 2000 or > 2100) v.Add("date", "日期须在 2000 年到 2100 年之间");
        if (CalendarKinds.Parse(r.Kind) is null) v.Add("kind", "类型须为“放假”或“调休上班”");
        return v;
    }

    public static DateOnly? ParseDate(string? text)
        => DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public async Task<List<CalendarDay>> ListAsync(int year, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(ct);
    }

    /// <returns>null when the date is already listed.</returns>
    public async Task<CalendarDay?> AddAsync(CalendarDayRequest r, CancellationToken ct)
    {
        var day = new CalendarDay { Date = ParseDate(r.Date)!.Value, Kind = CalendarKinds.Parse(r.Kind)!, Name = r.Name!.Trim() };
        db.CalendarDays.Add(day);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(day).State = EntityState.Detached;
            return null;
        }
        finally
        {
            cache.Invalidate(township.Current.Name);
        }
        return day;
    }

    /// <returns>false when the date was not listed.</returns>
    public async Task<bool> RemoveAsync(DateOnly date, CancellationToken ct)
    {
        var removed = await db.CalendarDays.Where(d => d.Date == date).ExecuteDeleteAsync(ct);
        cache.Invalidate(township.Current.Name);
        return removed > 0;
    }

    /// <summary>Adds the national schedule's days that are not listed yet; a date the township set itself is kept.</summary>
    /// <returns>How many days were added.</returns>
    public async Task<int> ImportNationalAsync(CancellationToken ct)
    {
        var listed = (await db.CalendarDays.AsNoTracking().Select(d => d.Date).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var (date, kind, name) in NationalHolidays.All)
        {
            if (!listed.Add(date)) continue;
            db.CalendarDays.Add(new CalendarDay { Date = date, Kind = kind, Name = name });
            added++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone added one of these dates meanwhile: nothing of this import was written; count none.
            db.ChangeTracker.Clear();
            added = 0;
        }
        finally
        {
            cache.Invalidate(township.Current.Name);
        }
        return added;
    }
}

/// <summary>New townships start with the national schedule: the Portal feature is always enabled, so this runs at creation.</summary>
internal sealed class CalendarSetup : Recipes.IFeatureSetup
{
    public string FeatureId => "Portal";

    public async Task OnEnabledAsync(Township township, IServiceProvider services, CancellationToken ct)
    {
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PortalDbContext>(services);
        if (await db.CalendarDays.AnyAsync(ct)) return;
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<EditCalendar>(services).ImportNationalAsync(ct);
    }
}
