namespace Zhizhi.Orchard.Mediation.Notifications;

/// <summary>A message to a resident shown in the app ("my bookings"), e.g. tomorrow's reminder.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }
    /// <summary>The outbox message that wrote it: a redelivery finds it and writes nothing.</summary>
    public Guid SourceId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
