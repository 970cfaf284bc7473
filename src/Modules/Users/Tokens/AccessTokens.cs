using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Users.Tokens;

/// <summary>
/// Bearer tokens for the API: an encrypted, signed payload (ASP.NET data protection) naming the township
/// that issued it. A token shown to another township is refused with 401. Tokens live one hour and are
/// not stored; roles are read when the token is issued.
/// </summary>
internal sealed class AccessTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly IDataProtector _protector = protection.CreateProtector("Zhizhi.AccessToken.v1");

    private sealed record Payload(string T, string Sub, string Name, string Dn, string[] Roles, long Exp);

    public string Issue(string township, string userId, string userName, string displayName, IEnumerable<string> roles)
    {
        var payload = new Payload(township, userId, userName, displayName, [.. roles], clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds());
        return WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(payload)));
    }

    public ClaimsPrincipal? Read(string token, string township, string scheme)
    {
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
        if (payload is null || payload.T != township || payload.Exp < clock.GetUtcNow().ToUnixTimeSeconds()) return null;
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, payload.Sub));
        identity.AddClaim(new Claim(ClaimTypes.Name, payload.Name));
        identity.AddClaim(new Claim(ZhizhiClaims.DisplayName, payload.Dn));
        identity.AddClaim(new Claim(ZhizhiClaims.Township, payload.T));
        foreach (var role in payload.Roles) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        return new ClaimsPrincipal(identity);
    }
}

internal sealed class TownshipBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokens tokens,
    ITownshipAccessor township) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ZhizhiBearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var principal = tokens.Read(header["Bearer ".Length..].Trim(), township.Current.Name, SchemeName);
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail("令牌无效、已过期或不属于本乡镇")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
