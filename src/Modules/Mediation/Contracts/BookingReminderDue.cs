namespace Zhizhi.Orchard.Mediation.Contracts;

/// <summary>
/// A confirmed booking starts within a day: the parties should be reminded. Published once per booking
/// time (again only if the booking is moved). Consumers must be idempotent on the outbox message id.
/// </summary>
public sealed record BookingReminderDue(
    int BookingId,
    string Code,
    int RoomId,
    string RoomName,
    string Address,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Category,
    string ApplicantId,
    string? ApplicantName,
    string? OtherPartyUserId,
    string? MediatorName,
    DateTime DueAt);
