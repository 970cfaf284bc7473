namespace Zhizhi.Orchard.Mediation.Rooms;

public sealed record RoomDto(
    int Id, string Name, string? Brand, string Address, IReadOnlyList<string> Specialties, int SlotMinutes,
    IReadOnlyList<OpeningHours> OpeningHours, IReadOnlyList<string> ClosedDays, IReadOnlyList<Mediator> Mediators);

internal static class RoomMapping
{
    public static RoomDto ToDto(this Room r) => new(
        r.Id, r.Name, r.Brand, r.Address, r.Specialties, r.SlotMinutes, r.OpeningHours,
        [.. r.ClosedDays.Order().Select(d => d.ToString("yyyy-MM-dd"))], r.Mediators);
}
