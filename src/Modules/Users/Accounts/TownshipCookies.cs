using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Zhizhi.Orchard.Users.Accounts;

/// <summary>
/// Gives each township its own cookie name. Cookie paths already follow the township prefix, but the
/// county's cookie (path "/") would otherwise also reach every township.
/// </summary>
internal sealed class TownshipCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    private static string Key(HttpContext context, string key)
        => key + "." + context.RequestServices.GetRequiredService<ITownshipAccessor>().Current.Name;

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Key(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
        => _inner.AppendResponseCookie(context, Key(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) => _inner.DeleteCookie(context, Key(context, key), options);
}
