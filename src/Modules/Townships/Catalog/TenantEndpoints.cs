using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Townships.Catalog;

public sealed record CreateTenantRequest(string? Name, string? DisplayName, string? AdminUserName, string? AdminPassword,
    string? Recipe, IReadOnlyList<string>? Features, IReadOnlyList<string>? HostNames);

public sealed record FeaturesRequest(IReadOnlyList<string>? Enable, IReadOnlyList<string>? Disable);

public sealed record UpdateTenantRequest(string? DisplayName, string? Theme, TownshipSettings? Settings, IReadOnlyList<string>? HostNames);

public sealed record TenantResponse(string Name, string DisplayName, string State, string Url, IReadOnlyList<string> Features,
    string Theme, IReadOnlyList<string> HostNames, TownshipSettings Settings, DateTimeOffset CreatedAt)
{
    public static TenantResponse From(Township t) => new(t.Name, t.DisplayName, t.State.ToString(), t.IsHost ? "/" : $"/{t.Name}/",
        [.. t.Features.Order(StringComparer.Ordinal)], t.Theme, t.HostNames, t.Settings, t.CreatedAt);
}

/// <summary>The county's tenant API (contract: "Tenants"). Answers only on the host.</summary>
internal static class TenantEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/tenants").RequirePermission(TownshipsPermissions.ManageTownships).WithTags("乡镇管理");
        group.MapPost("", CreateAsync).WithSummary("开设乡镇(建库、迁移、配方、管理员,全部成功或全部撤销)");
        group.MapGet("", List).WithSummary("乡镇列表");
        group.MapGet("/{name}", Get).WithSummary("乡镇详情");
        group.MapPut("/{name}", UpdateAsync).WithSummary("修改名称、主题、配色与域名");
        group.MapPost("/{name}/features", FeaturesAsync).WithSummary("启用/停用功能,立即生效");
        group.MapPost("/{name}/disable", (string name, ITownshipManager m, CancellationToken ct) => StateAsync(name, false, m, ct)).WithSummary("停用乡镇");
        group.MapPost("/{name}/enable", (string name, ITownshipManager m, CancellationToken ct) => StateAsync(name, true, m, ct)).WithSummary("恢复乡镇");
    }

    private static async Task<Results<Created<TenantResponse>, ProblemHttpResult, ValidationProblem>> CreateAsync(CreateTenantRequest request, ITownshipManager manager, CancellationToken ct)
    {
        var result = await manager.CreateAsync(new CreateTownshipRequest(
            request.Name ?? "", request.DisplayName ?? "", request.AdminUserName ?? "", request.AdminPassword ?? "",
            request.Recipe, request.Features, request.HostNames), ct);
        if (result.Township is { } t) return TypedResults.Created($"/api/tenants/{t.Name}", TenantResponse.From(t));
        if (result.Errors is { Count: > 0 } errors && result.Status == 400) return Problems.Invalid(errors, result.Detail);
        return Problems.Problem(result.Status, result.Detail ?? "操作失败");
    }

    private static Ok<TenantResponse[]> List(ITownshipManager manager)
        => TypedResults.Ok(manager.List().Where(t => !t.IsHost && t.State != TownshipState.Initializing).Select(TenantResponse.From).ToArray());

    private static Results<Ok<TenantResponse>, ProblemHttpResult> Get(string name, ITownshipManager manager)
        => manager.Find(name) is { IsHost: false } t ? TypedResults.Ok(TenantResponse.From(t)) : Problems.NotFound($"乡镇“{name}”不存在");

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult, ValidationProblem>> UpdateAsync(string name, UpdateTenantRequest request, ITownshipManager manager, CancellationToken ct)
        => Reply(await manager.UpdateAsync(name, request.DisplayName, request.Theme, request.Settings, request.HostNames, ct));

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult, ValidationProblem>> FeaturesAsync(string name, FeaturesRequest request, ITownshipManager manager, CancellationToken ct)
    {
        if (request.Enable is null && request.Disable is null)
            return Problems.Invalid("enable", "请给出要启用(enable)或停用(disable)的功能");
        return Reply(await manager.ChangeFeaturesAsync(name, request.Enable ?? [], request.Disable ?? [], ct));
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult, ValidationProblem>> StateAsync(string name, bool enabled, ITownshipManager manager, CancellationToken ct)
        => Reply(await manager.SetStateAsync(name, enabled, ct));

    private static Results<Ok<TenantResponse>, ProblemHttpResult, ValidationProblem> Reply(TownshipResult result)
        => result.Township is { } t ? TypedResults.Ok(TenantResponse.From(t)) : Failure(result);

    private static Results<Ok<TenantResponse>, ProblemHttpResult, ValidationProblem> Failure(TownshipResult result)
        => result.Errors is { Count: > 0 } errors && result.Status == 400
            ? Problems.Invalid(errors, result.Detail)
            : Problems.Problem(result.Status, result.Detail ?? "操作失败");
}
