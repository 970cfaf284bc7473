namespace Zhizhi.Orchard.VolunteerPoints.Volunteers;

/// <summary>A volunteer team (平安志愿者, 红袖章, 巡防队, 普法宣讲队 ...) with its leader and home village.</summary>
public sealed class Team
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Leader { get; set; }
    public int? VillageId { get; set; }
    public string? VillageName { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A volunteer's profile: one per user name, in at most one team, living in one village.</summary>
public sealed class VolunteerProfile
{
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public string? Phone { get; set; }
    public int? TeamId { get; set; }
    public int? VillageId { get; set; }
    public string? VillageName { get; set; }
    public string? Skills { get; set; }
    public DateTime JoinedAt { get; set; }
}

public static class DefaultTeams
{
    public static readonly string[] Names = ["平安志愿者", "红袖章", "巡防队", "普法宣讲队"];
}
