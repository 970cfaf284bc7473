namespace Zhizhi.Orchard.Mediation.Bookings;

/// <summary>A resident's request for one slot of one room.</summary>
public sealed class Booking
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    public DateTime SlotStart { get; set; }
    public DateTime SlotEnd { get; set; }
    /// <summary>
    /// "{roomId}|{start ticks}" while the booking holds its slot (pending or confirmed), null otherwise.
    /// A unique index on it decides who gets a slot; a cancelled or declined booking frees it.
    /// </summary>
    public string? ActiveSlotKey { get; set; }
    public required string Status { get; set; }
    public required string Code { get; set; }
    public required string Category { get; set; }
    public required string Description { get; set; }
    public string? OtherParty { get; set; }
    public required string ApplicantId { get; set; }
    public string? ApplicantName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DeclineReason { get; set; }
    /// <summary>The mediator reserved with the room (their time is held in <c>mediation_mediator_holds</c>).</summary>
    public int? MediatorId { get; set; }
    public string? MediatorName { get; set; }
    /// <summary>How many times the applicant moved the booking.</summary>
    public int Reschedules { get; set; }
    /// <summary>The code the other party uses to accept the time (a link carries it too).</summary>
    public string? InviteCode { get; set; }
    public string? OtherPartyUserId { get; set; }
    public DateTime? OtherPartyAcceptedAt { get; set; }
    public DateTime? CheckedInAt { get; set; }
    /// <summary>"settled", "not_settled" or "no_show" (see <see cref="Contracts.BookingOutcomeRecorded"/>).</summary>
    public string? Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public DateTime? OutcomeAt { get; set; }
    public DateTime? ReminderSentAt { get; set; }
    /// <summary>Bumped on every change: two staff acting at once cannot both move the same booking.</summary>
    public int Version { get; set; }

    /// <summary>Every booking but a declined or cancelled one keeps its time: a held or missed meeting used it.</summary>
    public bool HoldsSlot => Status is not (BookingStatus.Declined or BookingStatus.Cancelled);

    /// <summary>Still ahead: the applicant may move or cancel it (within the township's limit).</summary>
    public bool IsOpen => Status is BookingStatus.Pending or BookingStatus.Confirmed;

    public static string SlotKey(int roomId, DateTime slotStartUtc) => $"{roomId}|{slotStartUtc.Ticks}";
}

public static class BookingStatus
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
    public const string Declined = "declined";
    public const string Cancelled = "cancelled";
    /// <summary>The parties came and the outcome is recorded (调解已举行).</summary>
    public const string Completed = "completed";
    public const string NoShow = "no_show";

    public static string Chinese(string status) => status switch
    {
        Pending => "待确认",
        Confirmed => "已确认",
        Declined => "已婉拒",
        Cancelled => "已取消",
        Completed => "已调解",
        NoShow => "未到场",
        _ => status,
    };
}

public static class BookingOutcomes
{
    public const string Settled = "settled";
    public const string NotSettled = "not_settled";
    public const string NoShow = "no_show";

    public static string Chinese(string? outcome) => outcome switch
    {
        Settled => "调解成功",
        NotSettled => "调解未成",
        NoShow => "未到场",
        _ => "",
    };
}
