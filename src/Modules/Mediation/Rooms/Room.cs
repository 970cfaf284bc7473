namespace Zhizhi.Orchard.Mediation.Rooms;

/// <summary>A mediation room or a brand studio (品牌调解工作室), with its opening hours and mediators.</summary>
public sealed class Room
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The brand story shown on the room's page.</summary>
    public string? Brand { get; set; }
    public required string Address { get; set; }
    public List<string> Specialties { get; set; } = [];
    public int SlotMinutes { get; set; } = 60;
    public List<OpeningHours> OpeningHours { get; set; } = [];
    public List<DateOnly> ClosedDays { get; set; } = [];
    /// <summary>The village (by name, from the township directory) the room is in; null for the township seat.</summary>
    public string? Village { get; set; }
    /// <summary>Whether the room opens on make-up workdays (调休上班); it is always closed on the township's holidays.</summary>
    public bool OpenOnMakeUpWorkdays { get; set; }
    /// <summary>"media/room-….jpg" in the township's media folder.</summary>
    public string? PhotoUrl { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <param name="DayOfWeek">ISO weekday: 1 = Monday … 7 = Sunday.</param>
/// <param name="Start">Local time "HH:mm".</param>
/// <param name="End">Local time "HH:mm".</param>
public sealed record OpeningHours(int DayOfWeek, string Start, string End);

internal static class Categories
{
    /// <summary>The contract's default categories, shared by bookings and mediator specialties.</summary>
    public static readonly string[] All =
        ["婚姻家庭", "赡养继承", "邻里纠纷", "土地/山林权属", "劳资/欠薪", "工伤", "交通事故", "医疗纠纷", "物业纠纷", "征地拆迁", "涉企纠纷", "民族事务", "其他"];
}
