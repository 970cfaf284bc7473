namespace Zhizhi.Orchard.DisputeRouting.Settings;

/// <summary>A module setting of the township (case number prefix, which workflow routes disputes).</summary>
public sealed class DisputeSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}

public sealed class CaseCounter
{
    public int Year { get; set; }
    public int Next { get; set; }
}

/// <summary>An outbox event this module has already applied (handlers are called at least once).</summary>
public sealed class AppliedEvent
{
    public Guid MessageId { get; set; }
    public DateTime AppliedAt { get; set; }
}
