using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Statistics;

namespace Zhizhi.Orchard.DisputeRouting.Statistics;

/// <summary>
/// The "disputes" part of GET /api/stats. "resolved" counts cases settled by mediation (resolved, and those
/// revisited or closed after it); the rates are derived from the counts so the county can sum townships.
/// </summary>
internal sealed class DisputeStats(DisputesDbContext db, TimeProvider clock) : IStatsContributor
{
    public async Task<IReadOnlyDictionary<string, JsonObject>> ComputeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var total = await db.Cases.CountAsync(ct);
        var resolved = await db.Cases.CountAsync(c => c.ResolvedAt != null, ct);
        var inVillage = await db.Cases.CountAsync(c => c.ResolvedAt != null && (c.ResolvedLevel == CaseLevels.Village || c.ResolvedLevel == CaseLevels.Grid), ct);
        var overdue = await db.Cases.Where(CaseFilter.IsOpen).CountAsync(c => c.PausedAt == null && c.DeadlineAt != null && c.DeadlineAt < now, ct);
        var part = new JsonObject { ["total"] = total, ["resolved"] = resolved, ["resolvedInVillage"] = inVillage, ["overdue"] = overdue };
        Derive("disputes", part);
        return new Dictionary<string, JsonObject> { ["disputes"] = part };
    }

    public void Derive(string part, JsonObject summed)
    {
        if (part != "disputes") return;
        double N(string key) => summed[key] is JsonValue v && StatsExtensions.Number(v) is { } d ? d : 0;
        var total = N("total");
        var resolved = N("resolved");
        summed["resolutionRate"] = total == 0 ? 0 : Math.Round(resolved / total, 4);
        summed["resolvedInVillageRate"] = resolved == 0 ? 0 : Math.Round(N("resolvedInVillage") / resolved, 4);
    }
}
