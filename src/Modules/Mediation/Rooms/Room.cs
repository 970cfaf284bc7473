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
    public List<Mediator> Mediators { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

/// <param name="DayOfWeek">ISO weekday: 1 = Monday … 7 = Sunday.</param>
/// <param name="Start">Local time "HH:mm".</param>
/// <param name="End">Local time "HH:mm".</param>
public sealed record OpeningHours(int DayOfWeek, string Start, string End);

/// <param name="Type">专职, 兼职, 特邀, 律师 or 乡贤.</param>
public sealed record Mediator(string Name, string Type);

internal static class MediatorTypes
{
    public static readonly string[] All = ["专职", "兼职", "特邀", "律师", "乡贤"];
}

internal static class Categories
{
    /// <summary>The contract's default categories, shared by bookings and mediator specialties.</summary>
    public static readonly string[] All =
        ["婚姻家庭", "赡养继承", "邻里纠纷", "土地/山林权属", "劳资/欠薪", "工伤", "交通事故", "医疗纠纷", "物业纠纷", "征地拆迁", "涉企纠纷", "民族事务", "其他"];
}
