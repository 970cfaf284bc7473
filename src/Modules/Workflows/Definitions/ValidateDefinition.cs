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
    private static readonly HashSet<string> Reserved = ["instances", "signals", "activities", "validate", "dry-run", "notifications"];

    public static Validation Check(DefinitionDocument d, ActivityRegistry registry) => Check(d, registry, issues: null);

    /// <summary>
    /// The same checks, also listing each error against the activity it concerns (for the designer), plus warnings
    /// that do not stop an import: outcomes with no transition (the branch ends there) and misplaced layout.
    /// </summary>
    public static Validation Check(DefinitionDocument d, ActivityRegistry registry, List<DefinitionIssue>? issues)
    {
        var v = new Validation();
        var tracked = new Tracked(v, issues);
        if (string.IsNullOrWhiteSpace(d.Name)) tracked.Add("name", null, "流程名称不能为空");
        else if (d.Name.Length > 100) tracked.Add("name", null, "流程名称不能超过 100 个字符");
        if (string.IsNullOrWhiteSpace(d.Id)) tracked.Add("id", null, "流程编号不能为空");
        else if (!Slug().IsMatch(d.Id) || Reserved.Contains(d.Id)) tracked.Add("id", null, $"流程编号“{d.Id}”无效:只能用小写字母、数字和连字符(2-100 个字符),且不能是保留字");

        var activities = d.Activities ?? [];
        if (activities.Count == 0) { tracked.Add("activities", null, "流程至少要有一个活动"); return v; }
        if (activities.Count > 500) tracked.Add("activities", null, "一个流程最多 500 个活动");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in activities)
        {
            if (string.IsNullOrWhiteSpace(a.Id) || a.Id.Length > WorkflowsDbContextLimits.IdLength) { tracked.Add("activities", null, "每个活动都要有编号(不超过 100 个字符)"); continue; }
            if (!ids.Add(a.Id)) tracked.Add("activities", a.Id, $"活动编号“{a.Id}”重复");
            if (registry.Find(a.Type) is not { } type) { tracked.Add("activities", a.Id, $"活动“{a.Id}”的类型“{a.Type}”未知"); continue; }
            CheckProperties(tracked, a, type);
        }

        var transitions = d.Transitions ?? [];
        foreach (var t in transitions)
        {
            if (t.From is null || !ids.Contains(t.From)) tracked.Add("transitions", null, $"连线的起点“{t.From}”不是本流程的活动");
            else if (t.To is null || !ids.Contains(t.To)) tracked.Add("transitions", t.From, $"连线的终点“{t.To}”不是本流程的活动");
            else
            {
                var from = activities.First(a => a.Id == t.From);
                var outcomes = registry.Find(from.Type)?.Outcomes(from.Properties ?? []) ?? [];
                if (registry.Find(from.Type) is not null && !outcomes.Contains(t.Outcome ?? ""))
                    tracked.Add("transitions", t.From, $"活动“{t.From}”没有结果“{t.Outcome}”(可用:{string.Join("、", outcomes)})");
            }
        }

        var starts = d.StartActivities ?? [];
        if (starts.Count == 0) tracked.Add("startActivities", null, "流程没有开始活动");
        foreach (var s in starts)
            if (!ids.Contains(s)) tracked.Add("startActivities", null, $"开始活动“{s}”不是本流程的活动");
            else if (activities.First(a => a.Id == s).Type != "Start") tracked.Add("startActivities", s, $"开始活动“{s}”的类型须为 Start");

        if (v.IsValid)
        {
            var reached = new HashSet<string>(starts, StringComparer.Ordinal);
            var queue = new Queue<string>(starts);
            while (queue.TryDequeue(out var id))
                foreach (var t in transitions.Where(t => t.From == id))
                    if (reached.Add(t.To!)) queue.Enqueue(t.To!);
            foreach (var a in activities.Where(a => !reached.Contains(a.Id!)))
                tracked.Add("activities", a.Id, $"活动“{a.Id}”从开始活动无法到达");
        }
        if (issues is not null) Warn(d, registry, ids, issues);
        return v;
    }

    /// <summary>What the designer flags without refusing the definition.</summary>
    private static void Warn(DefinitionDocument d, ActivityRegistry registry, HashSet<string> ids, List<DefinitionIssue> issues)
    {
        var transitions = d.Transitions ?? [];
        foreach (var a in d.Activities ?? [])
        {
            if (a.Id is null || !ids.Contains(a.Id) || registry.Find(a.Type) is not { } type) continue;
            foreach (var outcome in type.Outcomes(a.Properties ?? []))
                if (!transitions.Any(t => t.From == a.Id && t.Outcome == outcome))
                    issues.Add(new(a.Id, DefinitionIssue.Warning, $"活动“{a.Id}”的结果“{outcome}”没有连线:走到这里时该分支就此结束", "transitions"));
            if (a.X is { } x && !double.IsFinite(x) || a.Y is { } y && !double.IsFinite(y))
                issues.Add(new(a.Id, DefinitionIssue.Warning, $"活动“{a.Id}”的画布位置无效", "activities"));
        }
    }

    private static void CheckProperties(Tracked v, ActivityNode a, IWorkflowActivity type)
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
                    if (p.Required && names.Count == 0) v.Add("activities", a.Id, $"{label}至少要有一项");
                    if (names.Distinct().Count() != names.Count) v.Add("activities", a.Id, $"{label}有重复项");
                    break;
                case PropertyKind.Boolean:
                    if (node is not null && !(node is JsonValue b && b.TryGetValue<bool>(out _))) v.Add("activities", a.Id, $"{label}须为 true 或 false");
                    break;
                default:
                    if (string.IsNullOrWhiteSpace(text)) { if (p.Required) v.Add("activities", a.Id, $"{label}不能为空"); break; }
                    if (p.Kind == PropertyKind.Duration && Outcomes.Duration(text) is null)
                        v.Add("activities", a.Id, $"{label}“{text}”不是有效的 ISO 8601 时长(如 P7D、PT30S)");
                    if (p.Kind == PropertyKind.Script && ScriptSandbox.SyntaxError(text) is { } error)
                        v.Add("activities", a.Id, $"{label}:{error}");
                    if (p.Kind == PropertyKind.Liquid && LiquidText.SyntaxError(text) is { } liquidError)
                        v.Add("activities", a.Id, $"{label}:{liquidError}");
                    break;
            }
        }
        if (type is IPropertyCheck check && v.IsValidFor(a.Id))
            foreach (var (property, message) in check.Check(properties))
            {
                var label = type.Descriptor.Properties.FirstOrDefault(p => p.Name == property)?.Label ?? property;
                v.Add("activities", a.Id, $"活动“{a.Id}”的“{label}”:{message}");
            }
    }

    /// <summary>A validation that also remembers which activity each error is about.</summary>
    private sealed class Tracked(Validation v, List<DefinitionIssue>? issues)
    {
        private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

        /// <summary>True while no error was added for the activity (a later check would only repeat it).</summary>
        public bool IsValidFor(string? activityId) => activityId is null || !_failed.Contains(activityId);

        public void Add(string field, string? activityId, string message)
        {
            if (activityId is not null) _failed.Add(activityId);
            v.Add(field, message);
            issues?.Add(new DefinitionIssue(activityId, DefinitionIssue.Error, message, field));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex Slug();
}

/// <summary>One finding of the designer's check: an error (the import would be refused) or a warning, on an activity when it concerns one.</summary>
public sealed record DefinitionIssue(string? ActivityId, string Severity, string Message, string Field)
{
    public const string Error = "error";
    public const string Warning = "warning";
}

internal static class WorkflowsDbContextLimits
{
    public const int IdLength = Data.WorkflowsDbContext.IdLength;
}
