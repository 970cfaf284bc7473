namespace Zhizhi.Orchard.VolunteerPoints.Contracts;

/// <summary>
/// Another module asks for points to be awarded (e.g. for helping in a mediation). Publish it through the
/// outbox; VolunteerPoints credits the points once per <paramref name="IdempotencyKey"/> (at most 100
/// characters, e.g. "mediation-case-42-helper-li"), however often the event is delivered.
/// Unknown users and points outside 1-10000 are ignored (logged), never retried for ever.
/// </summary>
public sealed record PointsAwardRequested(string IdempotencyKey, string UserName, int Points, string Reason, string Source);
