using System.Text.Json.Nodes;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.Workflows.Designer;

/// <summary>
/// An activity type as the designer shows it: its Chinese name and category, its properties with their editor
/// kind, and its outcomes. <see cref="OutcomesFrom"/> names the list property whose entries are outcomes too
/// (a user task's buttons, a switch's cases); they come before the fixed <see cref="Outcomes"/>.
/// </summary>
public sealed record ActivityTypeDto(
    string Type, string Name, string Category, string? Description,
    IReadOnlyList<ActivityProperty> Properties, IReadOnlyList<string> Outcomes, string? OutcomesFrom);

public static class ActivityCatalogue
{
    /// <summary>Categories in the order the palette shows them.</summary>
    private static readonly string[] CategoryOrder = ["事件", "控制", "任务"];

    public static List<ActivityTypeDto> Describe(ActivityRegistry registry)
        => [.. registry.Descriptors
            .OrderBy(d => Array.IndexOf(CategoryOrder, d.Category) is var i && i < 0 ? int.MaxValue : i).ThenBy(d => d.Category, StringComparer.Ordinal)
            .Select(d => Describe(registry.Find(d.Type)!))];

    public static ActivityTypeDto Describe(IWorkflowActivity activity)
    {
        var d = activity.Descriptor;
        var fixedOutcomes = activity.Outcomes([]);
        // Which list property (if any) turns into outcomes: ask the activity with a probe entry in each.
        const string probe = "\u0001probe";
        var from = d.Properties.Where(p => p.Kind == PropertyKind.Names)
            .FirstOrDefault(p => activity.Outcomes(new JsonObject { [p.Name] = new JsonArray(probe) }).Contains(probe));
        return new ActivityTypeDto(d.Type, d.Name, d.Category, d.Description, d.Properties, fixedOutcomes, from?.Name);
    }
}
