namespace Zhizhi.Orchard.VolunteerPoints.Rules;

/// <summary>The township's points rules: one row (Id 1) in the township's own database.</summary>
public sealed class PointsRules
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    /// <summary><see cref="PointsModes"/>: the activity's points once, or its points per hour served.</summary>
    public string PointsMode { get; set; } = PointsModes.PerActivity;
    /// <summary>At most this many activity points per person and local day; null: no cap.</summary>
    public int? DailyCap { get; set; }
    /// <summary>Manual grants above this size wait for a second administrator; null: never.</summary>
    public int? GrantApprovalAbove { get; set; }
    /// <summary>公示: awarded points can be spent only this many days after the award; 0: at once.</summary>
    public int NoticeDays { get; set; }
    /// <summary><see cref="ExpiryRules"/>.</summary>
    public string Expiry { get; set; } = ExpiryRules.Never;
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

public static class PointsModes
{
    public const string PerActivity = "activity";
    public const string PerHour = "hour";
    public static bool IsKnown(string? m) => m is PerActivity or PerHour;
}

public static class ExpiryRules
{
    public const string Never = "never";
    /// <summary>Points earned in a year and not spent expire at the end of the following year.</summary>
    public const string EndOfNextYear = "endOfNextYear";
    public static bool IsKnown(string? r) => r is Never or EndOfNextYear;
}

/// <summary>Activity points a person got on one local day, kept for the daily cap (decided by a conditional update).</summary>
public sealed class DailyPoints
{
    public required string UserName { get; set; }
    /// <summary>yyyy-MM-dd in the township's time zone.</summary>
    public required string Day { get; set; }
    public int Points { get; set; }
}
