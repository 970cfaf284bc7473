using Zhizhi.Orchard.Mediation.Mediators;

namespace Zhizhi.Orchard.Mediation.Rooms;

public sealed record MediatorRef(int Id, string Name, string Type);

/// <summary>A studio's record: meetings held, how many settled, and the success rate (settled / held).</summary>
public sealed record RoomRecord(int Handled, int Settled, double? SuccessRate);

public sealed record RoomDto(
    int Id, string Name, string? Brand, string Address, string? Village, string? PhotoUrl, IReadOnlyList<string> Specialties, int SlotMinutes,
    IReadOnlyList<OpeningHours> OpeningHours, IReadOnlyList<string> ClosedDays, bool OpenOnMakeUpWorkdays,
    IReadOnlyList<MediatorRef> Mediators, RoomRecord? Record = null);

internal static class RoomMapping
{
    public static RoomDto ToDto(this Room r, IEnumerable<Mediator> mediators, RoomRecord? record = null) => new(
        r.Id, r.Name, r.Brand, r.Address, r.Village, r.PhotoUrl, r.Specialties, r.SlotMinutes, r.OpeningHours,
        [.. r.ClosedDays.Order().Select(d => d.ToString("yyyy-MM-dd"))], r.OpenOnMakeUpWorkdays,
        [.. mediators.Where(m => m.Active && m.RoomIds.Contains(r.Id)).Select(m => new MediatorRef(m.Id, m.Name, m.Type))], record);
}
