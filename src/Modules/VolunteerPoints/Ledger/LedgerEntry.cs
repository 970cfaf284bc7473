namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

/// <summary>
/// A user's points. Balance is the sum of the ledger; Held is the part still in its public-notice period
/// (公示), so Balance - Held is what can be spent. CHECK (Balance >= 0, 0 <= Held <= Balance) backs the conditional debit.
/// </summary>
public sealed class PointsAccount
{
    public required string UserName { get; set; }
    public int Balance { get; set; }
    public int Held { get; set; }
}

/// <summary>Awarded points still under public notice until <see cref="ReleaseAt"/>; deleted (and Held decreased) when released.</summary>
public sealed class PointsHold
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public long LedgerEntryId { get; set; }
    public int Points { get; set; }
    public DateTime ReleaseAt { get; set; }
}

/// <summary>A manual grant above the township's threshold waits here for a second administrator.</summary>
public sealed class PointsGrant
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public int Points { get; set; }
    public required string Reason { get; set; }
    public required string Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public long? LedgerEntryId { get; set; }
}

public static class GrantStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Refused = "refused";
}

/// <summary>One per (user, earning year) once that year's unspent points were expired: the primary key makes the sweep run once.</summary>
public sealed class ExpiryRun
{
    public required string UserName { get; set; }
    public int Year { get; set; }
    public int Points { get; set; }
    public DateTime At { get; set; }
}

/// <summary>An award another module asked for by event; its idempotency key is the primary key, so a redelivery awards nothing.</summary>
public sealed class ReceivedAward
{
    public required string Key { get; set; }
    public required string UserName { get; set; }
    public int Points { get; set; }
    public long? LedgerEntryId { get; set; }
    public DateTime At { get; set; }
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
    public const string Expiry = "expiry";
    public const string Award = "award";

    public static string ChineseName(string source) => source switch
    {
        Activity => "志愿活动",
        Grant => "手工发放",
        Redemption => "兑换",
        Cancellation => "取消兑换退回",
        Expiry => "积分过期",
        Award => "其他业务奖励",
        _ => source,
    };
}
