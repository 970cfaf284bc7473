namespace Zhizhi.Orchard.Mediation.Contracts;

/// <summary>Staff confirmed a mediation booking: the room is reserved for that time.</summary>
public sealed record BookingConfirmed(
    int BookingId,
    string Code,
    int RoomId,
    string RoomName,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Category,
    string ApplicantId,
    DateTime ConfirmedAt);
