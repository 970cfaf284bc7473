using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Users.Accounts;

namespace Zhizhi.Orchard.Users.Tokens;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

internal static class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/auth/token", IssueAsync)
            .RequireRateLimiting(UsersStartup.SignInRateLimit)
            .AllowAnonymous()
            .WithTags("账号")
            .WithSummary("用用户名和密码换取访问令牌(仅在签发的乡镇有效)");
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult, ValidationProblem>> IssueAsync(
        TokenRequest request, PasswordCheck check, UserManager<User> users, AccessTokens tokens, Township township)
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(request.UserName)) v.Add("userName", "用户名不能为空");
        if (string.IsNullOrEmpty(request.Password)) v.Add("password", "密码不能为空");
        if (!v.IsValid) return v.Problem();

        var (outcome, user) = await check.CheckAsync(request.UserName!, request.Password!);
        if (outcome is SignInOutcome.Throttled or SignInOutcome.LockedOut) return Problems.Problem(429, PasswordCheck.Message(outcome));
        if (user is null) return Problems.Unauthorized(PasswordCheck.Message(outcome));

        var roles = await users.GetRolesAsync(user);
        var token = tokens.Issue(township.Name, user.Id, user.UserName!, user.DisplayName, roles);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)AccessTokens.Lifetime.TotalSeconds));
    }
}
