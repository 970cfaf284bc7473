namespace Zhizhi.Orchard.DisputeRouting.Routing;

/// <summary>
/// The routing workflow put a case at a level (with its deadline and assignee). Raised by the "DisputeRoute"
/// activity through the Workflows outbox, so it exists only if the workflow step committed; applied by
/// <see cref="DisputeRoutedHandler"/> to the case and its timeline.
/// </summary>
public sealed record DisputeRouted(int CaseId, string Level, DateTime? DeadlineAt, string? Assignee, string? Note, string InstanceId, string ActivityId, DateTime At);
