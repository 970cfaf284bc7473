namespace Zhizhi.Orchard.Mediation.Settings;

/// <summary>The township's booking rules (one row).</summary>
public sealed class MediationSettings
{
    public const int DefaultChangeLimitHours = 24;

    public int Id { get; set; } = 1;
    /// <summary>Residents may move or cancel a booking until this many hours before its start.</summary>
    public int ChangeLimitHours { get; set; } = DefaultChangeLimitHours;
    /// <summary>Where reminders are POSTed the day before (e.g. an SMS gateway); none when empty.</summary>
    public string? ReminderWebhookUrl { get; set; }
}
