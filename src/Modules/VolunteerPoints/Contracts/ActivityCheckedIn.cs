namespace Zhizhi.Orchard.VolunteerPoints.Contracts;

/// <summary>Published after a volunteer was checked in to an activity and awarded its points (once per activity and person).</summary>
public sealed record ActivityCheckedIn(int ActivityId, string Title, string UserName, int Points, double Hours, DateTime CheckedInAt);
