using Zhizhi.Orchard.Host.Operations;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>After routing: an endpoint of a feature the township has not enabled answers 404, as if it did not exist.</summary>
internal sealed class FeatureGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ITownshipAccessor townships)
    {
        var required = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IFeatureMetadata>();
        // Every feature named on the endpoint must be on (a page of Mediation.Booking also needs Mediation).
        if (required is { Count: > 0 } && required.Any(f => !townships.Current.IsEnabled(f.FeatureId)))
        {
            context.SetEndpoint(null);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, "该功能在本乡镇未启用");
            return;
        }
        await next(context);
    }
}
