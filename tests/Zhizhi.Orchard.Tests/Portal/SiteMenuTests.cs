using System.Net;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Portal;

/// <summary>The public navigation is built from the township's enabled features and follows them at once.</summary>
public abstract class SiteMenuTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task<string> HomeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("", CT);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(CT);
    }

    [Fact]
    public async Task TheNavigationLinksEveryEnabledFeatureAndDropsADisabledOneAtOnce()
    {
        var township = await Host.CreateTownshipAsync();
        using var visitor = township.Anonymous();

        var before = await HomeAsync(visitor);
        foreach (var (text, path) in new[] { ("工作动态", "notices"), ("普法", "legal"), ("调解预约", "mediation"), ("志愿服务", "volunteers"), ("爱心超市", "exchange") })
            Assert.Contains($"<a href=\"/{township.Name}/{path}\">{text}</a>", before);

        using var county = await Host.AdminClientAsync();
        using (var response = await county.PostJsonAsync($"api/tenants/{township.Name}/features", new { disable = new[] { "Mediation", "PointsExchange" } }))
            await response.ShouldBeAsync(HttpStatusCode.OK);

        var after = await HomeAsync(visitor);
        Assert.DoesNotContain($"/{township.Name}/mediation\"", after);
        Assert.DoesNotContain($"/{township.Name}/exchange\"", after);
        Assert.Contains($"<a href=\"/{township.Name}/volunteers\">志愿服务</a>", after);
    }
}

public sealed class SiteMenuTests_Sqlite(SqliteHost host) : SiteMenuTests(host);

public sealed class SiteMenuTests_Postgres(PostgresHost host) : SiteMenuTests(host);
