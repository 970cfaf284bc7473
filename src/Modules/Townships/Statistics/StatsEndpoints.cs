using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Townships.Statistics;

/// <summary>
/// Contract "Statistics": <c>GET /{t}/api/stats</c> gives a township's parts; on the county host
/// <c>GET /api/stats</c> gives every township's and their sum.
/// </summary>
internal static class StatsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/api/stats", GetAsync).RequirePermission(TownshipsPermissions.ViewStats)
            .WithTags("统计").WithSummary("统计:乡镇为本乡镇各功能的数字,县级平台为各乡镇及全县合计");

    private static async Task<Ok<JsonObject>> GetAsync(Township township, TownshipStats stats, CancellationToken ct)
        => TypedResults.Ok(township.IsHost ? await stats.ForCountyAsync(ct) : await stats.ForTownshipAsync(township, ct));
}
