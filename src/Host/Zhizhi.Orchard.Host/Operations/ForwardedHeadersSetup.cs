using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Zhizhi.Orchard.Host.Operations;

/// <summary>
/// Behind a reverse proxy (nginx terminating TLS) the app sees http and the proxy's address; QR codes and other
/// absolute links must carry the public scheme and host. X-Forwarded-For/-Proto/-Host are applied only when the
/// request comes from a proxy the configuration trusts: loopback always (ASP.NET Core's default), plus
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR, e.g.
/// 10.0.0.0/8). From any other address the headers are ignored, so a client cannot claim another host or scheme.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    public static void AddZhizhiForwardedHeaders(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in proxies)
            {
                if (!IPAddress.TryParse(proxy, out var address))
                    throw new InvalidOperationException($"{Section}:KnownProxies 中的“{proxy}”不是 IP 地址");
                o.KnownProxies.Add(address);
            }
            foreach (var network in networks)
            {
                if (!System.Net.IPNetwork.TryParse(network, out var parsed))
                    throw new InvalidOperationException($"{Section}:KnownNetworks 中的“{network}”不是网段(例如 10.0.0.0/8)");
                o.KnownIPNetworks.Add(parsed);
            }
        });
    }
}
