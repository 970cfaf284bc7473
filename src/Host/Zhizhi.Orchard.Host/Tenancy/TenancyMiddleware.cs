using Serilog.Context;
using Zhizhi.Orchard.Host.Operations;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>
/// Finds the township of a request by host name or by the first path segment, moves that segment into
/// PathBase (so module routes are written once) and puts the township into the request scope.
/// </summary>
internal sealed class TenancyMiddleware(RequestDelegate next, TownshipCatalog catalog, TownshipActivator activator)
{
    public async Task InvokeAsync(HttpContext context, TownshipAccessor accessor)
    {
        var township = catalog.FindByHostName(context.Request.Host.Host);
        if (township is null)
        {
            if (TrySplitFirstSegment(context.Request.Path, out var segment, out var rest)
                && catalog.Find(segment) is { IsHost: false } byPath)
            {
                township = byPath;
                context.Request.PathBase = context.Request.PathBase.Add("/" + segment);
                context.Request.Path = rest.HasValue ? rest : "/";
            }
            else
            {
                township = catalog.Find(Township.HostName);
            }
        }

        if (township is null || township.State == TownshipState.Disabled)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, "该乡镇不存在或已停用");
            return;
        }
        if (township.State == TownshipState.Initializing)
        {
            context.Response.Headers.RetryAfter = "5";
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "该乡镇正在初始化,请稍后再试");
            return;
        }

        accessor.Set(township);
        using (LogContext.PushProperty("Township", township.Name))
        {
            await activator.EnsureActiveAsync(township);
            await next(context);
        }
    }

    private static bool TrySplitFirstSegment(PathString path, out string segment, out PathString rest)
    {
        segment = "";
        rest = PathString.Empty;
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value.Length < 2) return false;
        var end = value.IndexOf('/', 1);
        segment = end < 0 ? value[1..] : value[1..end];
        rest = end < 0 ? PathString.Empty : new PathString(value[end..]);
        return segment.Length > 0;
    }
}
