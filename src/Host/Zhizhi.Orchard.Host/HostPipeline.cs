using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Zhizhi.Orchard.Host.Operations;
using Zhizhi.Orchard.Host.Tenancy;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Host;

public static class HostPipeline
{
    public static WebApplication UseZhizhiHost(this WebApplication app)
    {
        // First: everything after it (township by host name, links, QR codes, rate limits) sees the public request.
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = ErrorResponses.HandleExceptionAsync,
            StatusCodeSelector = ErrorResponses.StatusOf,
            // A client's malformed request is answered with 4xx; it is not an error of ours to log with a stack.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<TenancyMiddleware>();
        app.UseMiddleware<ApiBodyLimitMiddleware>();
        // Empty error responses (404 from routing, 401/403 from authorization) get a Chinese body.
        app.UseStatusCodePages(ctx => ErrorResponses.WriteAsync(ctx.HttpContext, ctx.HttpContext.Response.StatusCode));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<FeatureGateMiddleware>();
        app.UseAuthorization();
        app.UseOutputCache();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");

        var composition = app.Services.GetRequiredService<ModuleComposition>();
        foreach (var (feature, startup) in composition.Startups)
        {
            var group = app.MapGroup("").WithMetadata(new FeatureMetadata(feature.Id));
            startup.MapEndpoints(group);
        }
        app.MapRazorPages();
        return app;
    }
}
