namespace Zhizhi.Orchard.DisputeRouting.County;

/// <summary>
/// A case a township escalated past its own level, as the county (host) received it: a snapshot of what the county
/// needs to act (parties with masked phones, the public timeline, the township's reason), kept in the county's own
/// database so the inbox never opens a township's database. One row per township and case.
/// </summary>
public sealed class CountyReferral
{
    public int Id { get; set; }
    /// <summary>The township's tenant name (its URL segment).</summary>
    public required string Township { get; set; }
    public required string TownshipName { get; set; }
    public int CaseId { get; set; }
    public required string CaseNo { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public required string Category { get; set; }
    public string? Village { get; set; }
    public required string Grade { get; set; }
    public string? Leader { get; set; }
    public DateTime ReportedAt { get; set; }
    /// <summary>Why the township passed it on: its last failed/escalated step and the routing note.</summary>
    public string? EscalationReason { get; set; }
    /// <summary>JSON list of <see cref="ReferralParty"/> (phones already masked).</summary>
    public required string PartiesJson { get; set; }
    /// <summary>JSON list of <see cref="ReferralEntry"/>: the case's public timeline up to the referral.</summary>
    public required string TimelineJson { get; set; }
    /// <summary>When the township's workflow put the case at county level.</summary>
    public DateTime ReferredAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>The county's own deadline, in working days on the county's calendar from receipt.</summary>
    public DateTime DeadlineAt { get; set; }
    public string Status { get; set; } = ReferralStatus.Pending;
    public DateTime? AcceptedAt { get; set; }
    public string? AcceptedBy { get; set; }
    public string? Outcome { get; set; }
    public string? OutcomeText { get; set; }
    public string? OutcomeBy { get; set; }
    public DateTime? OutcomeAt { get; set; }
    /// <summary>Concurrency token: of two county staff acting at once, the database refuses the second.</summary>
    public int Version { get; set; }
}

public sealed record ReferralParty(string Name, string? Phone, string? Role);

public sealed record ReferralEntry(DateTime At, string Kind, string? Level, string? Actor, string? Note);

public static class ReferralStatus
{
    public const string Pending = "pending";
    public const string Handling = "handling";
    public const string Done = "done";

    public static readonly string[] All = [Pending, Handling, Done];

    public static string Chinese(string status) => status switch
    {
        Pending => "待处理",
        Handling => "处理中",
        Done => "已办结",
        _ => status,
    };
}

/// <summary>What the county can answer. 化解 settles the case at county level; 引导诉讼 tells the parties to go to court (答复); 不予受理 hands it back.</summary>
public static class ReferralOutcomes
{
    public const string Resolved = "resolve";
    public const string Declined = "decline";
    public const string Litigation = "litigation";

    public static readonly string[] All = [Resolved, Declined, Litigation];

    public static string Chinese(string? outcome) => outcome switch
    {
        Resolved => "化解",
        Declined => "不予受理",
        Litigation => "引导诉讼",
        null => "",
        _ => outcome,
    };
}
