using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.VolunteerPoints.Recognition;

internal static class RecognitionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/volunteers").WithTags("志愿积分");
        group.MapGet("/honour-roll", HonourRollAsync).AllowAnonymous().WithSummary("月度光荣榜(按队伍、按村;month=yyyy-MM,默认本月)");
        group.MapGet("/me/certificate", async (Recognition r, ClaimsPrincipal user, CancellationToken ct) => Certificate(await r.CertificateAsync(user.FindFirstValue(ClaimTypes.Name)!, ct)))
            .RequireAuthorization().WithSummary("我的志愿服务证明(时长与活动)");
        group.MapGet("/{userName}/certificate", async (string userName, Recognition r, CancellationToken ct) => Certificate(await r.CertificateAsync(userName, ct)))
            .RequirePermission(VolunteerPermissions.Manage).WithSummary("志愿者的服务证明");
    }

    private static async Task<Results<Ok<HonourRollDto>, ValidationProblem>> HonourRollAsync(string? month, Recognition r, CancellationToken ct)
    {
        if (!Recognition.TryParseMonth(month ?? r.CurrentMonth(), out var first)) return Problems.Invalid("month", "月份格式为 yyyy-MM,例如 2026-11");
        return TypedResults.Ok(await r.HonourRollAsync(first, ct));
    }

    private static Results<Ok<CertificateDto>, ProblemHttpResult> Certificate(CertificateDto? c)
        => c is null ? Problems.NotFound("没有这位志愿者的服务记录") : TypedResults.Ok(c);
}
