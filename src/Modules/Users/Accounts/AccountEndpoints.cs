using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Users.Accounts;

public sealed record RegisterRequest(string? UserName, string? Password, string? DisplayName, string? Phone);

public sealed record AccountResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, string? Phone = null);

public sealed record MeResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, string Township, IReadOnlyList<string> Permissions);

internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/auth/register", RegisterAsync)
            .RequireRateLimiting(UsersStartup.SignInRateLimit).AllowAnonymous()
            .WithTags("账号").WithSummary("居民自助注册(乡镇)");
        endpoints.MapGet("/api/me", MeAsync).RequireAuthorization()
            .WithTags("账号").WithSummary("当前用户");

        var users = endpoints.MapGroup("/api/users").RequirePermission(UsersPermissions.ManageUsers).WithTags("用户管理");
        users.MapPost("", CreateAsync).WithSummary("创建账号(乡镇管理员)");
        users.MapGet("", ListAsync).WithSummary("账号列表(手机号脱敏)");
    }

    private static async Task<Results<Created<AccountResponse>, ProblemHttpResult, ValidationProblem>> RegisterAsync(
        RegisterRequest request, CreateAccount create, Township township, CancellationToken ct)
    {
        if (township.IsHost) return Problems.NotFound("县级平台不开放居民注册,请到所在乡镇注册");
        var account = new NewAccount(request.UserName, request.Password, request.DisplayName, request.Phone, [BuiltInRoles.Resident]);
        var v = CreateAccount.Validate(account);
        if (!v.IsValid) return v.Problem();
        var user = await create.ExecuteAsync(account, selfRegistered: true, ct);
        if (user is null) return Problems.Conflict($"用户名“{request.UserName}”已被使用");
        return TypedResults.Created("/api/me", new AccountResponse(user.UserName!, user.DisplayName, [BuiltInRoles.Resident]));
    }

    private static async Task<Ok<MeResponse>> MeAsync(ClaimsPrincipal principal, IPermissionCatalog permissions, IAuthorizationService authorization, Township township)
    {
        var held = new List<string>();
        foreach (var (permission, _) in permissions.All.Where(p => township.IsEnabled(p.FeatureId)))
            if ((await authorization.AuthorizeAsync(principal, permission.Name)).Succeeded) held.Add(permission.Name);
        return TypedResults.Ok(new MeResponse(
            principal.Identity!.Name!,
            principal.FindFirstValue(ZhizhiClaims.DisplayName) ?? principal.Identity.Name!,
            [.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value)],
            township.Name,
            held));
    }

    private static async Task<Results<Created<AccountResponse>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        NewAccount request, CreateAccount create, CancellationToken ct)
    {
        var v = CreateAccount.Validate(request);
        if (request.Roles is null || request.Roles.Count == 0) v.Add("roles", "请至少选择一个角色");
        if (!v.IsValid) return v.Problem();
        var user = await create.ExecuteAsync(request, selfRegistered: false, ct);
        if (user is null) return Problems.Conflict($"用户名“{request.UserName}”已被使用");
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(user.UserName!)}",
            new AccountResponse(user.UserName!, user.DisplayName, [.. request.Roles!.Distinct()], AccountRules.Mask(user.PhoneNumber)));
    }

    private static async Task<Ok<List<AccountResponse>>> ListAsync(ListAccounts list, CancellationToken ct)
        => TypedResults.Ok((await list.ExecuteAsync(ct)).Select(a => new AccountResponse(a.UserName, a.DisplayName, a.Roles, a.MaskedPhone)).ToList());
}
