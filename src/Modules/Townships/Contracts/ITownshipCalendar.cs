namespace Zhizhi.Orchard.Townships.Contracts;

/// <summary>
/// The township's listed calendar days, for modules that need more than "is it a working day": a room
/// closes on a holiday even when it falls on a Saturday it would open, and opens on a make-up workday
/// (调休上班) only if it says so. Answers come from memory once loaded.
/// </summary>
public interface ITownshipCalendar
{
    /// <summary>Date → true for a make-up workday, false for a holiday; unlisted dates follow the weekend rule.</summary>
    ValueTask<IReadOnlyDictionary<DateOnly, bool>> ListedDaysAsync(CancellationToken ct = default);
}
