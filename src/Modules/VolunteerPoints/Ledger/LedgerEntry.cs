namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

/// <summary>A user's spendable points. CHECK (Balance >= 0) backs the conditional debit.</summary>
public sealed class PointsAccount
{
    public required string UserName { get; set; }
    public int Balance { get; set; }
}

/// <summary>Append-only: entries are never changed or deleted; the balance is their sum.</summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public DateTime At { get; set; }
    public int Delta { get; set; }
    public int BalanceAfter { get; set; }
    public required string Source { get; set; }
    public required string Reason { get; set; }
    /// <summary>What caused it: an activity id, a redemption code ...</summary>
    public string? Reference { get; set; }
    public string? By { get; set; }
}

public static class LedgerSources
{
    public const string Activity = "activity";
    public const string Grant = "grant";
    public const string Redemption = "redemption";
    public const string Cancellation = "cancellation";

    public static string ChineseName(string source) => source switch
    {
        Activity => "志愿活动",
        Grant => "手工发放",
        Redemption => "兑换",
        Cancellation => "取消兑换退回",
        _ => source,
    };
}
