namespace Zhizhi.Orchard.VolunteerPoints.Activities;

public sealed class Activity
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Location { get; set; }
    public DateTime StartAt { get; set; }
    public DateTime EndAt { get; set; }
    public int Points { get; set; }
    public int Capacity { get; set; }
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
    public double Hours { get; set; }
    public int Points { get; set; }
    public string? CheckedInBy { get; set; }
}
