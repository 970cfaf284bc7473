using Microsoft.AspNetCore.OutputCaching;
using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.Host.Operations;

/// <summary>Caches anonymous GETs for 30 s, keyed by township and catalog version, tagged for eviction.</summary>
internal sealed class PublicPageCachePolicy : IOutputCachePolicy
{
    private static readonly object GenerationKey = new();

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var anonymous = http.User.Identity?.IsAuthenticated != true && !http.Request.Headers.ContainsKey("Authorization");
        var township = http.RequestServices.GetRequiredService<ITownshipAccessor>().Current;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = anonymous && HttpMethods.IsGet(http.Request.Method);
        context.AllowCacheStorage = context.AllowCacheLookup;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(30);
        context.CacheVaryByRules.VaryByValues["township"] = township.Name + "@" + township.Version;
        context.Tags.Add(PublicPageCache.Tag(township));
        http.Items[GenerationKey] = PublicPageCache.Generation(township);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        // Never keep a response that sets a cookie (antiforgery, sign-in) or is not a plain 200.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        // An eviction while this page was rendered: it may hold the data from before the change.
        var township = context.HttpContext.RequestServices.GetRequiredService<ITownshipAccessor>().Current;
        if (context.HttpContext.Items[GenerationKey] is long started && started != PublicPageCache.Generation(township))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
