using System.Text.Json.Nodes;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Routing;

/// <summary>
/// Workflow task "纠纷分派": puts the case (the instance's correlation id "dispute-{id}") at a level with a deadline
/// and an assignee. It only publishes <see cref="DisputeRouted"/>; the dispute module applies it after the step commits.
/// </summary>
internal sealed class DisputeRouteActivity : IWorkflowActivity
{
    public const string Type = "DisputeRoute";
    public const string Done = "Done";

    public ActivityDescriptor Descriptor { get; } = new(Type, "纠纷分派", "矛盾纠纷",
    [
        new("level", "层级(grid 网格、village 村、township 乡镇、county 县级)", PropertyKind.Text),
        new("deadline", "办理期限(ISO 8601,如 P7D 按工作日计)", PropertyKind.Duration, Required: false),
        new("assignee", "承办单位/角色", PropertyKind.Text, Required: false),
        new("note", "写入时间线的说明", PropertyKind.Text, Required: false),
    ], "把纠纷交给某一层级办理,设定期限与承办人,并记入案件时间线");

    public IReadOnlyList<string> Outcomes(JsonObject properties) => [Done];

    public static int? CaseId(string? correlationId)
        => correlationId is not null && correlationId.StartsWith("dispute-", StringComparison.Ordinal)
           && int.TryParse(correlationId.AsSpan(8), out var id) ? id : null;

    public ActivityResult Execute(ActivityContext context)
    {
        if (CaseId(context.CorrelationId) is not { } caseId)
            return ActivityResult.Fault($"“纠纷分派”只能用于纠纷案件的流程(关联号须为 dispute-编号),当前为“{context.CorrelationId}”");
        var level = context.Text("level")?.Trim();
        if (level is null || !CaseLevels.All.Contains(level))
            return ActivityResult.Fault($"“纠纷分派”的层级“{level}”无效,可选 grid、village、township、county");
        var deadlineText = context.Text("deadline");
        DateTime? deadline = null;
        if (!string.IsNullOrWhiteSpace(deadlineText))
        {
            deadline = context.DueAfter(deadlineText);
            if (deadline is null) return ActivityResult.Fault($"“纠纷分派”的期限“{deadlineText}”不是有效的 ISO 8601 时长");
        }
        context.InstanceProperties["level"] = level;
        context.Publish(new DisputeRouted(caseId, level, deadline, context.Text("assignee"), context.Text("note"),
            context.InstanceId, context.ActivityId, context.UtcNow));
        return ActivityResult.Done(Done, JsonValue.Create(level));
    }
}
