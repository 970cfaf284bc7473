using System.Net;
using System.Text;
using System.Text.Json;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Operations;

/// <summary>
/// What only a real server shows: the in-memory test server does not enforce request body limits while
/// the body streams, so a chunked upload (no Content-Length) is tried against Kestrel on a free port.
/// </summary>
public sealed class RealServerTests
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AChunkedApiBodyOverOneMegabyteIs413()
    {
        await using var host = new SqliteHost();
        host.UseKestrel(0);
        await host.InitializeAsync();
        var township = await host.CreateTownshipAsync();
        using var client = township.Anonymous();
        var json = JsonSerializer.Serialize(new { userName = Names.User(), password = "Resident-2026", displayName = new string('x', 1_100_000) });
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/register") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request, CT);

        Assert.Null(request.Content.Headers.ContentLength);
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ResponsesCarryTheSecurityHeaders()
    {
        await using var host = new SqliteHost();
        host.UseKestrel(0);
        await host.InitializeAsync();
        using var client = host.NewClient();

        using var response = await client.GetAsync("health/live", CT);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
