using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Settings;
using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

/// <summary>到期前提醒 as the API shows it: an ISO 8601 duration, whole days counting working days (P1D), hours elapsed time (PT4H).</summary>
public sealed record ReminderSettingsDto(string ReminderBefore);

/// <summary>The window as numbers: exactly one of <see cref="Hours"/> and <see cref="WorkingDays"/>.</summary>
public sealed record ReminderWindow(int? Hours, int? WorkingDays)
{
    public string Iso => Hours is { } h ? $"PT{h}H" : $"P{WorkingDays}D";

    public string Chinese => Hours is { } h ? $"{h} 小时" : $"{WorkingDays} 个工作日";
}

/// <summary>The township's reminder window, kept in the dispute settings table (key "reminderBefore"); default one working day.</summary>
public sealed class ReminderSettings(DisputesDbContext db)
{
    public const string Key = "reminderBefore";
    public const int MaxWorkingDays = 30;
    public const int MaxHours = 720;
    public static readonly ReminderWindow Default = new(null, 1);

    public async Task<ReminderWindow> GetAsync(CancellationToken ct)
    {
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == Key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return Parse(value) ?? Default;
    }

    /// <summary>P1D…P30D (working days) or PT1H…PT720H; anything else is null.</summary>
    public static ReminderWindow? Parse(string? text)
    {
        if (Deadlines.WholeDays(text) is { } days) return days is >= 1 and <= MaxWorkingDays ? new(null, days) : null;
        if (Deadlines.Parse(text) is { } span && span.Ticks % TimeSpan.TicksPerHour == 0 && span.TotalHours is >= 1 and <= MaxHours)
            return new((int)span.TotalHours, null);
        return null;
    }

    public static Validation Validate(ReminderSettingsDto? s, out ReminderWindow? window)
    {
        var v = new Validation();
        window = Parse(s?.ReminderBefore);
        if (window is null)
            v.Add("reminderBefore", $"到期前提醒须为 1-{MaxWorkingDays} 个工作日(如 P1D)或 1-{MaxHours} 小时(如 PT4H)");
        return v;
    }

    /// <summary>Last writer wins; a parallel first save updates the row the other one added.</summary>
    public Task SaveAsync(ReminderWindow window, CancellationToken ct) => db.SaveUpsertAsync(async () =>
    {
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == Key, ct);
        if (row is null) db.Settings.Add(new DisputeSetting { Key = Key, Value = window.Iso });
        else row.Value = window.Iso;
    }, ct);
}
