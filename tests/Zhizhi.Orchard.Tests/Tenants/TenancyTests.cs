using System.Net;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Tenants;

/// <summary>How requests find their tenant, and what a disabled or unknown township answers.</summary>
public abstract class TenancyTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    [Fact]
    public async Task ADisabledTownshipAnswers404ToPagesAndApiAndEnablingRestoresIt()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await Host.AdminClientAsync();
        using var anonymous = township.Anonymous();
        await (await anonymous.GetAsync("", CT)).ShouldBeAsync(HttpStatusCode.OK);

        using (var disable = await admin.PostAsync($"api/tenants/{township.Name}/disable", null, CT))
        {
            await disable.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("Disabled", (await disable.JsonAsync()).GetProperty("state").GetString());
        }

        using (var api = await anonymous.GetAsync("api/portal/villages", CT)) await api.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var page = await anonymous.GetAsync("", CT))
        {
            await page.ShouldBeAsync(HttpStatusCode.NotFound);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }
        using (var token = await anonymous.PostJsonAsync("api/auth/token", new { userName = township.AdminUserName, password = township.AdminPassword }))
            await token.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Disabled", (await admin.GetJsonAsync($"api/tenants/{township.Name}")).GetProperty("state").GetString());

        using (var enable = await admin.PostAsync($"api/tenants/{township.Name}/enable", null, CT))
        {
            await enable.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("Running", (await enable.JsonAsync()).GetProperty("state").GetString());
        }
        await anonymous.GetJsonAsync("api/portal/villages");
        await (await anonymous.GetAsync("", CT)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheCountyHostCannotBeDisabled()
    {
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostAsync("api/tenants/default/disable", null, CT);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"got {response.StatusCode}");
        await response.ShouldBeProblemAsync(response.StatusCode);
        using var health = Host.NewClient();
        await (await health.GetAsync("health/ready", CT)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUnknownTownshipPathFallsToTheHostAndIsNotFound()
    {
        using var client = Host.NewClient();

        using var response = await client.GetAsync($"{Names.Township()}/api/me", CT);

        await response.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownApiRouteInATownshipIsAProblem404()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.GetAsync("api/no/such/thing", CT);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheTenantApiAnswersOnlyOnTheHost()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using var response = await admin.GetAsync("api/tenants", CT);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheTenantApiWithoutATokenIs401()
    {
        using var client = Host.NewClient();

        using var response = await client.GetAsync("api/tenants", CT);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheTenantApiWithAGarbageTokenIs401()
    {
        using var client = Host.NewClient(token: "not-a-token");

        using var response = await client.GetAsync("api/tenants", CT);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ANonAdministratorOfTheHostGets403FromTheTenantApi()
    {
        using var admin = await Host.AdminClientAsync();
        var userName = Names.User("h");
        using (var created = await admin.PostJsonAsync("api/users",
            new { userName, password = "Host-User-2026", displayName = "县级工作人员", roles = new[] { "Mediator" } }))
            await created.ShouldBeAsync(HttpStatusCode.Created);
        using var anonymous = Host.NewClient();
        var token = await anonymous.TokenAsync(userName, "Host-User-2026");
        using var client = Host.NewClient(token: token);

        using var list = await client.GetAsync("api/tenants", CT);
        await list.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var create = await client.PostJsonAsync("api/tenants", new { name = Names.Township(), displayName = "x", adminUserName = "admin", adminPassword = "Admin-Pass-2026" });
        await create.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ResidentsCannotRegisterOnTheCountyHost()
    {
        using var client = Host.NewClient();

        using var response = await client.PostJsonAsync("api/auth/register",
            new { userName = Names.User(), password = "Resident-2026", displayName = "居民", phone = "13800138000" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task HealthEndpointsAnswer200()
    {
        using var client = Host.NewClient();

        await (await client.GetAsync("health/live", CT)).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.GetAsync("health/ready", CT)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheOpenApiDocumentOfTheHostAndOfATownshipNameTheirOwnServerAndFeatures()
    {
        var township = await Host.CreateTownshipAsync();
        using var host = Host.NewClient();
        using var client = township.Anonymous();

        var hostDoc = await host.GetJsonAsync("openapi/v1.json");
        var townshipDoc = await client.GetJsonAsync("openapi/v1.json");
        var hostAgain = await host.GetJsonAsync("openapi/v1.json");

        Assert.Equal("/", hostDoc.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal($"/{township.Name}", townshipDoc.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal("/", hostAgain.GetProperty("servers")[0].GetProperty("url").GetString());

        var hostPaths = hostDoc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        var townshipPaths = townshipDoc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/tenants", hostPaths);
        Assert.Contains("/api/tenants", hostAgain.GetProperty("paths").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("/api/tenants", townshipPaths);
        Assert.Contains("/api/portal/villages", townshipPaths);
        Assert.Contains("/api/auth/token", townshipPaths);
    }
}

public sealed class TenancyTests_Sqlite(SqliteHost host) : TenancyTests(host);

public sealed class TenancyTests_Postgres(PostgresHost host) : TenancyTests(host);
