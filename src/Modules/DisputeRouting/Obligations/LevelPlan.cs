using System.Text.Json.Nodes;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Routing;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

/// <summary>
/// A level's deadline and assignee as the routing workflow gives them (its "纠纷分派" step for that level). Read
/// from the built-in recipe of the case's workflow: the Workflows module exposes no definitions to other modules.
/// A workflow of the township's own falls back to the domain's defaults (乡镇 15 working days).
/// </summary>
internal static class LevelPlan
{
    public static (string? Deadline, string? Assignee) Of(string? workflowId, string level)
    {
        if (workflowId is not null && DisputeSetup.Definitions.Contains(workflowId))
        {
            var routes = DisputeSetup.Definition(workflowId)["activities"]!.AsArray().OfType<JsonObject>()
                .Where(a => a["type"]?.GetValue<string>() == DisputeRouteActivity.Type)
                .Select(a => a["properties"] as JsonObject)
                .Where(p => p?["level"]?.GetValue<string>() == level && p["deadline"] is not null)
                .ToList();
            if (routes.FirstOrDefault() is { } p) return (p["deadline"]!.GetValue<string>(), p["assignee"]?.GetValue<string>());
        }
        return level switch
        {
            CaseLevels.Township => ("P15D", "乡镇调委会"),
            CaseLevels.Village => ("P7D", "村调委会"),
            CaseLevels.County => (null, "县矛调中心"),
            _ => (null, null),
        };
    }
}
