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
    /// <summary>Bumped on every change: two staff acting at once cannot both move the same booking.</summary>
    public int Version { get; set; }

    public bool HoldsSlot => Status is BookingStatus.Pending or BookingStatus.Confirmed;

    public static string SlotKey(int roomId, DateTime slotStartUtc) => $"{roomId}|{slotStartUtc.Ticks}";
}

public static class BookingStatus
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
    public const string Declined = "declined";
    public const string Cancelled = "cancelled";

    public static string Chinese(string status) => status switch
    {
        Pending => "待确认",
        Confirmed => "已确认",
        Declined => "已婉拒",
        Cancelled => "已取消",
        _ => status,
    };
}
