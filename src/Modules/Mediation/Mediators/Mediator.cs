namespace Zhizhi.Orchard.Mediation.Mediators;

/// <summary>A mediator (调解员): who they are, what they are good at and which rooms they serve.</summary>
public sealed class Mediator
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>One of <see cref="MediatorTypes.All"/>.</summary>
    public required string Type { get; set; }
    public List<string> Specialties { get; set; } = [];
    public List<int> RoomIds { get; set; } = [];
    public string? Phone { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    /// <summary>Where the mediator lives: a case from the same village group (村民小组) is not given to them.</summary>
    public string? Village { get; set; }
    public string? VillageGroup { get; set; }
    /// <summary>Declared conflicts of interest: kin and households the mediator must not mediate for (free text names).</summary>
    public List<string> Conflicts { get; set; } = [];
}

public static class MediatorLimits
{
    public const int VillageLength = 50;
    public const int GroupLength = 50;
    public const int ConflictLength = 50;
    public const int MaxConflicts = 30;
}

/// <summary>A time the mediator cannot take bookings (leave, training, another duty).</summary>
public sealed class MediatorAbsence
{
    public int Id { get; set; }
    public int MediatorId { get; set; }
    public DateTime Start { get; set; }
    public DateTime End { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// One five-minute piece of a mediator's time held by a booking. The unique index on (mediator, time)
/// is what keeps a mediator from being booked twice, in any room and with any slot lengths: two
/// overlapping bookings would need the same piece, and only one insert can have it.
/// </summary>
public sealed class MediatorHold
{
    public const int Minutes = 5;

    public long Id { get; set; }
    public int MediatorId { get; set; }
    public int BookingId { get; set; }
    public Bookings.Booking? Booking { get; set; }
    public DateTime At { get; set; }

    public static IEnumerable<DateTime> Pieces(DateTime startUtc, DateTime endUtc)
    {
        for (var t = startUtc; t < endUtc; t = t.AddMinutes(Minutes)) yield return DateTime.SpecifyKind(t, DateTimeKind.Utc);
    }
}

public static class MediatorTypes
{
    public static readonly string[] All = ["专职", "兼职", "特邀", "律师", "乡贤", "五老", "网格员", "退休法官", "心理咨询师"];
}
