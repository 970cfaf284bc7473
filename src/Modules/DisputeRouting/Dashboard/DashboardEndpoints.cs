using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Dashboard;

internal static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/api/disputes/dashboard", GetAsync).RequirePermission(DisputePermissions.View)
            .WithTags("矛盾纠纷").WithSummary("纠纷统计看板数据(按期间、村社区)");

    private static async Task<Results<Ok<DashboardDto>, ValidationProblem>> GetAsync(
        string? from, string? to, string? village, DisputeDashboard dashboard, ITownshipDirectory directory, Township township,
        TimeProvider clock, CancellationToken ct)
    {
        var (filter, errors) = await DashboardFilter.ParseAsync(from, to, village, township, clock.GetUtcNow().UtcDateTime, directory, ct);
        if (filter is null) return Problems.Invalid(errors);
        return TypedResults.Ok(await dashboard.ComputeAsync(filter, ct));
    }
}
