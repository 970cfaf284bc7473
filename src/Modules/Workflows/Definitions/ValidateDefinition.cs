using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Engine;

namespace Zhizhi.Orchard.Workflows.Definitions;

/// <summary>Everything an import checks before anything is saved. Messages are Chinese and name the culprit.</summary>
public static partial class ValidateDefinition
{
    /// <summary>Words that are routes under /api/workflows, never definition ids.</summary>
    private static readonly HashSet<string> Reserved = ["instances", "signals", "activities"];

    public static Validation Check(DefinitionDocument d, ActivityRegistry registry)
    {
        var v = new Validation().Required("name", d.Name, "流程名称", 100);
        if (string.IsNullOrWhiteSpace(d.Id)) v.Add("id", "流程编号不能为空");
        else if (!Slug().IsMatch(d.Id) || Reserved.Contains(d.Id)) v.Add("id", $"流程编号“{d.Id}”无效:只能用小写字母、数字和连字符(2-100 个字符),且不能是保留字");

        var activities = d.Activities ?? [];
        if (activities.Count == 0) { v.Add("activities", "流程至少要有一个活动"); return v; }
        if (activities.Count > 500) v.Add("activities", "一个流程最多 500 个活动");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in activities)
        {
            if (string.IsNullOrWhiteSpace(a.Id) || a.Id.Length > WorkflowsDbContextLimits.IdLength) { v.Add("activities", "每个活动都要有编号(不超过 100 个字符)"); continue; }
            if (!ids.Add(a.Id)) v.Add("activities", $"活动编号“{a.Id}”重复");
            if (registry.Find(a.Type) is not { } type) { v.Add("activities", $"活动“{a.Id}”的类型“{a.Type}”未知"); continue; }
            CheckProperties(v, a, type);
        }

        var transitions = d.Transitions ?? [];
        foreach (var t in transitions)
        {
            if (t.From is null || !ids.Contains(t.From)) v.Add("transitions", $"连线的起点“{t.From}”不是本流程的活动");
            else if (t.To is null || !ids.Contains(t.To)) v.Add("transitions", $"连线的终点“{t.To}”不是本流程的活动");
            else
            {
                var from = activities.First(a => a.Id == t.From);
                var outcomes = registry.Find(from.Type)?.Outcomes(from.Properties ?? []) ?? [];
                if (registry.Find(from.Type) is not null && !outcomes.Contains(t.Outcome ?? ""))
                    v.Add("transitions", $"活动“{t.From}”没有结果“{t.Outcome}”(可用:{string.Join("、", outcomes)})");
            }
        }

        var starts = d.StartActivities ?? [];
        if (starts.Count == 0) v.Add("startActivities", "流程没有开始活动");
        foreach (var s in starts)
            if (!ids.Contains(s)) v.Add("startActivities", $"开始活动“{s}”不是本流程的活动");
            else if (activities.First(a => a.Id == s).Type != "Start") v.Add("startActivities", $"开始活动“{s}”的类型须为 Start");

        if (v.IsValid)
        {
            var reached = new HashSet<string>(starts, StringComparer.Ordinal);
            var queue = new Queue<string>(starts);
            while (queue.TryDequeue(out var id))
                foreach (var t in transitions.Where(t => t.From == id))
                    if (reached.Add(t.To!)) queue.Enqueue(t.To!);
            foreach (var a in activities.Where(a => !reached.Contains(a.Id!)))
                v.Add("activities", $"活动“{a.Id}”从开始活动无法到达");
        }
        return v;
    }

    private static void CheckProperties(Validation v, ActivityNode a, IWorkflowActivity type)
    {
        var properties = a.Properties ?? [];
        foreach (var p in type.Descriptor.Properties)
        {
            var node = properties[p.Name];
            var text = node is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;
            var label = $"活动“{a.Id}”的“{p.Label}”";
            switch (p.Kind)
            {
                case PropertyKind.Names:
                    var names = Outcomes.Names(properties, p.Name);
                    if (p.Required && names.Count == 0) v.Add("activities", $"{label}至少要有一项");
                    if (names.Distinct().Count() != names.Count) v.Add("activities", $"{label}有重复项");
                    break;
                case PropertyKind.Boolean:
                    if (node is not null && !(node is JsonValue b && b.TryGetValue<bool>(out _))) v.Add("activities", $"{label}须为 true 或 false");
                    break;
                default:
                    if (string.IsNullOrWhiteSpace(text)) { if (p.Required) v.Add("activities", $"{label}不能为空"); break; }
                    if (p.Kind == PropertyKind.Duration && Outcomes.Duration(text) is null)
                        v.Add("activities", $"{label}“{text}”不是有效的 ISO 8601 时长(如 P7D、PT30S)");
                    if (p.Kind == PropertyKind.Script && ScriptSandbox.SyntaxError(text) is { } error)
                        v.Add("activities", $"{label}:{error}");
                    break;
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex Slug();
}

internal static class WorkflowsDbContextLimits
{
    public const int IdLength = Data.WorkflowsDbContext.IdLength;
}
