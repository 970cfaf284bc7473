namespace Zhizhi.Orchard.DisputeRouting.Cases;

/// <summary>
/// One line of a case's history. Rows are only ever added; each carries the SHA-256 of the previous row's
/// hash and its own fields, so an edit or deletion of history breaks the chain and verification shows where.
/// </summary>
public sealed class TimelineEntry
{
    public long Id { get; set; }
    public int CaseId { get; set; }
    public int Seq { get; set; }
    public DateTime At { get; set; }
    public required string Kind { get; set; }
    public string? Level { get; set; }
    public string? Actor { get; set; }
    public string? Note { get; set; }
    /// <summary>Shown to the reporting resident; internal notes are not.</summary>
    public bool Public { get; set; }
    public required string PrevHash { get; set; }
    public required string Hash { get; set; }
}

public static class TimelineKinds
{
    public static string Chinese(string kind) => kind switch
    {
        "reported" => "上报受理",
        "routed" => "分派",
        "escalated" => "上交",
        "accept" => "受理调处",
        "resolve" => "调解成功",
        "fail" => "调解未成",
        "escalate" => "申请上交",
        "answered" => "答复办结",
        "close" => "办结",
        "revisit" => "回访",
        "rating" => "群众评价",
        "pause" => "暂停计时",
        "resume" => "恢复计时",
        "note" => "内部备注",
        "agreement" => "调解协议",
        "classify" => "定级包案",
        "assigned" => "确定承办人",
        "assignMediator" => "指派调解员",
        "county" => "县级平台",
        "obligation" => "履行情况",
        "obligation-overdue" => "履行待核查",
        PartyGroups.Kind => "当事人村民小组",
        _ => kind,
    };
}
