namespace Zhizhi.Orchard.VolunteerPoints.Activities;

public sealed class Activity
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Location { get; set; }
    public DateTime StartAt { get; set; }
    public DateTime EndAt { get; set; }
    /// <summary><see cref="ActivityTypes"/>.</summary>
    public string Type { get; set; } = ActivityTypes.Other;
    public int? TeamId { get; set; }
    /// <summary>Points for the activity, or per hour served when the township counts by the hour.</summary>
    public int Points { get; set; }
    public int Capacity { get; set; }
    /// <summary>Six digits the organiser shows on site; a volunteer enters it to check in.</summary>
    public string CheckinCode { get; set; } = "";
    /// <summary>Kept by a conditional update (never above <see cref="Capacity"/>), so "full" is decided by the database.</summary>
    public int SignedUp { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    public double Hours => Math.Round((EndAt - StartAt).TotalHours, 2);
}

public sealed class Signup
{
    public int Id { get; set; }
    public int ActivityId { get; set; }
    public required string UserName { get; set; }
    public DateTime SignedUpAt { get; set; }
}

/// <summary>One per (activity, user): the unique index is what makes the award happen once.</summary>
public sealed class Checkin
{
    public int Id { get; set; }
    public int ActivityId { get; set; }
    public required string UserName { get; set; }
    public DateTime CheckedInAt { get; set; }
    /// <summary>Set once, by a conditional update from null: a second check-out changes nothing.</summary>
    public DateTime? CheckedOutAt { get; set; }
    public double Hours { get; set; }
    public int Points { get; set; }
    public string? CheckedInBy { get; set; }
}

public static class ActivityTypes
{
    public const string Patrol = "patrol";
    public const string LegalCampaign = "legal";
    public const string CleanUp = "cleanup";
    public const string MediationHelp = "mediation";
    public const string Other = "other";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Patrol] = "治安巡逻", [LegalCampaign] = "普法宣传", [CleanUp] = "环境整治", [MediationHelp] = "协助调解", [Other] = "其他服务",
    };

    public static string ChineseName(string type) => Names.TryGetValue(type, out var n) ? n : type;
}
