namespace Zhizhi.Orchard.DisputeRouting.Cases;

/// <summary>One dispute (矛盾纠纷) from report to return visit. Level, deadline and assignee are set by the township's workflow.</summary>
public sealed class DisputeCase
{
    public int Id { get; set; }
    public required string CaseNo { get; set; }
    public int Year { get; set; }
    public int Seq { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public required string Category { get; set; }
    public string? Village { get; set; }
    public required string Source { get; set; }
    public string Status { get; set; } = CaseStatus.Reported;
    public string? Level { get; set; }
    public string? Assignee { get; set; }
    public DateTime? DeadlineAt { get; set; }
    public DateTime? LevelSince { get; set; }
    public DateTime? PausedAt { get; set; }
    public string? PauseReason { get; set; }
    public string? ReporterId { get; set; }
    public string? ReporterName { get; set; }
    public DateTime ReportedAt { get; set; }
    public string? ResolvedLevel { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int? Satisfaction { get; set; }
    public string? AgreementTerms { get; set; }
    public bool JudicialConfirmation { get; set; }
    public int? BookingId { get; set; }
    public string? WorkflowId { get; set; }
    /// <summary>红/黄/蓝 grade of the dispute (issue 5 item 3); blue unless staff classify it.</summary>
    public string Grade { get; set; } = CaseGrades.Blue;
    /// <summary>包案领导: the leader personally responsible for the case (required for red).</summary>
    public string? Leader { get; set; }
    /// <summary>Bumped by every change: the database refuses a change made from a stale read (two staff acting at once).</summary>
    public int Version { get; set; }
    public List<Party> Parties { get; set; } = [];
    /// <summary>The county inbox's state of this case (pending/handling/done) once the county received it; null before.</summary>
    public string? CountyStatus { get; set; }
    public DateTime? CountyReferredAt { get; set; }
    public DateTime? CountyDeadlineAt { get; set; }
    /// <summary>The county's answer: resolve 化解, decline 不予受理, litigation 引导诉讼, with its text, who and when.</summary>
    public string? CountyOutcome { get; set; }
    public string? CountyOutcomeText { get; set; }
    public string? CountyOutcomeBy { get; set; }
    public DateTime? CountyOutcomeAt { get; set; }
    /// <summary>When an obligation of the agreement was not honoured and the court path was taken: 引导诉讼 or 申请强制执行.</summary>
    public string? CourtPath { get; set; }

    public bool IsOpen => CaseStatus.Open.Contains(Status);
    /// <summary>The mediator (Mediation module's id and name) assigned with conflict screening and load balancing.</summary>
    public int? MediatorId { get; set; }
    public string? MediatorName { get; set; }
}

public sealed class Party
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Role { get; set; }
    /// <summary>村民小组 of the party: a mediator of the same group is screened out.</summary>
    public string? VillageGroup { get; set; }
    public string? Address { get; set; }
}

public static class CaseStatus
{
    public const string Reported = "reported";
    public const string Accepted = "accepted";
    public const string Escalated = "escalated";
    public const string Resolved = "resolved";
    public const string Answered = "answered";
    public const string Revisited = "revisited";
    public const string Closed = "closed";

    public static readonly string[] All = [Reported, Accepted, Escalated, Resolved, Answered, Revisited, Closed];
    public static readonly string[] Open = [Reported, Accepted, Escalated];

    public static string Chinese(string status) => status switch
    {
        Reported => "已上报",
        Accepted => "调处中",
        Escalated => "已上交",
        Resolved => "已化解",
        Answered => "已答复",
        Revisited => "已回访",
        Closed => "已办结",
        _ => status,
    };
}

public static class CaseLevels
{
    public const string Grid = "grid";
    public const string Village = "village";
    public const string Township = "township";
    public const string County = "county";

    public static readonly string[] All = [Grid, Village, Township, County];

    public static int Rank(string? level) => level is null ? -1 : Array.IndexOf(All, level);

    public static string Chinese(string? level) => level switch
    {
        Grid => "网格",
        Village => "村(社区)",
        Township => "乡镇(街道)",
        County => "县级",
        null => "待分派",
        _ => level,
    };
}

public static class CaseGrades
{
    public const string Red = "red";
    public const string Yellow = "yellow";
    public const string Blue = "blue";
    public const int LeaderLength = 50;

    public static readonly string[] All = [Red, Yellow, Blue];

    public static string Chinese(string? grade) => grade switch
    {
        Red => "红",
        Yellow => "黄",
        Blue => "蓝",
        _ => grade ?? "",
    };
}

public static class CaseSources
{
    public static readonly string[] All = ["resident", "grid", "walk-in", "booking", "hotline"];

    public static string Chinese(string source) => source switch
    {
        "resident" => "群众网上反映",
        "grid" => "网格员上报",
        "walk-in" => "窗口来访",
        "booking" => "调解预约",
        "hotline" => "12345 热线",
        _ => source,
    };
}
