namespace Zhizhi.Orchard.Mediation.Contracts;

/// <summary>
/// Staff recorded how a confirmed mediation booking ended. The dispute module (when enabled) files or updates
/// the case for it; consumers must be idempotent on <see cref="BookingId"/>.
/// </summary>
/// <param name="Outcome">"settled" (调解成功), "not_settled" (调解未成) or "no_show" (未到场).</param>
public sealed record BookingOutcomeRecorded(
    int BookingId,
    string Code,
    int RoomId,
    string RoomName,
    DateTimeOffset Start,
    string Category,
    string ApplicantId,
    string? Description,
    string? OtherParty,
    string Outcome,
    string? Note,
    string? MediatorName,
    DateTime RecordedAt);
