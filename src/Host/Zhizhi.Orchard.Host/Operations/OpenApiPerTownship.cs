using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Host.Operations;

/// <summary>
/// One document per township: operations of features the township has not enabled are left out, and
/// the server URL carries the township prefix so that "try it" calls go to the right place.
/// </summary>
internal static class OpenApiPerTownship
{
    private const string FeatureExtension = "x-zhizhi-features";

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            var features = context.Description.ActionDescriptor.EndpointMetadata.OfType<IFeatureMetadata>().Select(f => f.FeatureId).ToArray();
            if (features.Length > 0)
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[FeatureExtension] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray([.. features.Select(f => (System.Text.Json.Nodes.JsonNode?)f)]));
            }
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, context, _) =>
        {
            var http = context.ApplicationServices.GetRequiredService<IHttpContextAccessor>().HttpContext;
            var township = http?.RequestServices.GetRequiredService<ITownshipAccessor>().Current;
            document.Info.Title = township is null ? "智治平台 API" : $"{township.DisplayName} API";
            document.Info.Description = "智治·枫桥式基层治理平台 HTTP 接口";
            if (http is not null)
                document.Servers = [new OpenApiServer { Url = http.Request.PathBase.HasValue ? http.Request.PathBase.Value : "/" }];
            foreach (var (path, item) in document.Paths.ToList())
            {
                if (item.Operations is null) continue;
                foreach (var (method, operation) in item.Operations.ToList())
                {
                    if (operation.Extensions is null || !operation.Extensions.TryGetValue(FeatureExtension, out var ext)) continue;
                    var needed = ((JsonNodeExtension)ext).Node.AsArray().Select(n => n!.GetValue<string>());
                    operation.Extensions.Remove(FeatureExtension);
                    if (township is not null && needed.Any(f => !township.IsEnabled(f))) item.Operations.Remove(method);
                }
                if (item.Operations.Count == 0) document.Paths.Remove(path);
            }
            return Task.CompletedTask;
        });
    }
}
