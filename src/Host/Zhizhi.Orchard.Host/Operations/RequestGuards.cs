using Microsoft.AspNetCore.Http.Features;
using Zhizhi.Orchard.Host.Data;

namespace Zhizhi.Orchard.Host.Operations;

/// <summary>Security headers on every response.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "SAMEORIGIN";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
            h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>
/// JSON APIs take small bodies: anything over the API limit is refused with 413 before it is read.
/// Pages (uploads) get the larger limit that Kestrel enforces.
/// </summary>
internal sealed class ApiBodyLimitMiddleware(RequestDelegate next, ZhizhiOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            var limit = options.Limits.ApiBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"请求体过大,接口最多接受 {limit / 1024} KB");
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit;
        }
        await next(context);
    }
}
