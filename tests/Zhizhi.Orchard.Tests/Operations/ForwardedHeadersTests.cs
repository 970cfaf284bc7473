using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.VolunteerPoints.Qr;

namespace Zhizhi.Orchard.Tests.Operations;

/// <summary>
/// Behind a reverse proxy the QR codes and their links must carry the public scheme and host (issue 7), taken
/// from X-Forwarded-Proto/-Host only when the request comes from a trusted proxy (loopback by default).
/// TestServer's <c>SendAsync(HttpContext)</c> sets the connection's remote address, as Kestrel would.
/// </summary>
public abstract class ForwardedHeadersTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static readonly IPAddress Untrusted = IPAddress.Parse("203.0.113.7");

    private async Task<(int Status, string? ContentType, byte[] Body)> ViaProxyAsync(IPAddress from, string township, string path, string token)
    {
        var context = await Host.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("localhost");
            c.Request.Path = $"/{township}/{path}";
            c.Request.Headers.Authorization = $"Bearer {token}";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-Host"] = "zz.example.cn";
            c.Request.Headers["X-Forwarded-For"] = "198.51.100.20";
            c.Connection.RemoteIpAddress = from;
        }, CT);
        using var body = new MemoryStream();
        await context.Response.Body.CopyToAsync(body, CT);
        return (context.Response.StatusCode, context.Response.ContentType, body.ToArray());
    }

    [Fact]
    public async Task QrLinksUseTheForwardedSchemeAndHostOnlyFromATrustedProxy()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var token = await township.AdminTokenAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-30).ToOffset(TimeSpan.FromHours(8));
        using var created = await admin.PostJsonAsync("api/volunteers/activities",
            new { title = "代理后的签到", start, end = start.AddHours(2), location = "村委会", points = 5, capacity = 10 });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        var code = (await admin.GetJsonAsync($"api/volunteers/activities/{id}/code")).GetProperty("code").GetString()!;
        var publicLink = $"https://zz.example.cn/{township.Name}/volunteers/activities/{id}/checkin?code={code}";
        var directLink = $"http://localhost/{township.Name}/volunteers/activities/{id}/checkin?code={code}";

        // From the proxy on loopback: the public https link, in the page and in the image.
        var page = await ViaProxyAsync(IPAddress.Loopback, township.Name, "admin/volunteers", token);
        Assert.Equal(StatusCodes.Status200OK, page.Status);
        Assert.Contains($"href=\"{publicLink}\"", System.Text.Encoding.UTF8.GetString(page.Body));
        var qr = await ViaProxyAsync(IPAddress.Loopback, township.Name, $"api/volunteers/activities/{id}/checkin-qr", token);
        Assert.Equal(StatusCodes.Status200OK, qr.Status);
        Assert.Equal(QrCodes.Png(publicLink), qr.Body);

        // The same headers from an address nobody configured are ignored: the link is the one the request came on.
        var spoofedPage = await ViaProxyAsync(Untrusted, township.Name, "admin/volunteers", token);
        Assert.Equal(StatusCodes.Status200OK, spoofedPage.Status);
        var html = System.Text.Encoding.UTF8.GetString(spoofedPage.Body);
        Assert.Contains($"href=\"{directLink}\"", html);
        Assert.DoesNotContain("zz.example.cn", html);
        var spoofedQr = await ViaProxyAsync(Untrusted, township.Name, $"api/volunteers/activities/{id}/checkin-qr", token);
        Assert.Equal(QrCodes.Png(directLink), spoofedQr.Body);
    }
}

public sealed class ForwardedHeadersTests_Sqlite(SqliteHost host) : ForwardedHeadersTests(host);

public sealed class ForwardedHeadersTests_Postgres(PostgresHost host) : ForwardedHeadersTests(host);
