using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Tenants;

/// <summary>Odd and hostile input to the tenant API: refused with 400, never a 5xx, never a change.</summary>
public abstract class TenantInputTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object NewTownship(string name, string[]? features = null, string?[]? hostNames = null) => new
    {
        name, displayName = "测试镇", adminUserName = "admin", adminPassword = "Admin-Pass-2026", features, hostNames,
    };

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"township\"")]
    [InlineData("")]
    public async Task ABodyThatIsNotAnObjectIs400(string body)
    {
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostRawAsync("api/tenants", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ANullFeatureIsRefusedWith400()
    {
        var name = Names.Township();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostRawAsync("api/tenants",
            $"{{\"name\":\"{name}\",\"displayName\":\"测试镇\",\"adminUserName\":\"admin\",\"adminPassword\":\"Admin-Pass-2026\",\"features\":[null]}}");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("features");
    }

    [Fact]
    public async Task ANullHostNameIsRefusedWith400()
    {
        var name = Names.Township();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostRawAsync("api/tenants",
            $"{{\"name\":\"{name}\",\"displayName\":\"测试镇\",\"adminUserName\":\"admin\",\"adminPassword\":\"Admin-Pass-2026\",\"hostNames\":[null]}}");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("hostNames");
    }

    [Fact]
    public async Task AnInvalidHostNameIsRefusedWith400()
    {
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostJsonAsync("api/tenants", NewTownship(Names.Township(), hostNames: ["not a host!"]));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("hostNames");
    }

    [Fact]
    public async Task ATownshipAnswersAtItsHostNameAsWellAsAtItsPath()
    {
        var name = Names.Township();
        var hostName = $"{name}.zhen.example.cn";
        using var admin = await Host.AdminClientAsync();
        using (var created = await admin.PostJsonAsync("api/tenants", NewTownship(name, hostNames: [hostName.ToUpperInvariant()])))
        {
            await created.ShouldBeAsync(HttpStatusCode.Created);
            Assert.Equal([hostName], (await created.JsonAsync()).GetProperty("hostNames").Strings());
        }
        var township = new TestTownship(Host, name, "admin", "Admin-Pass-2026");
        using (var townshipAdmin = await township.AsAdminAsync())
        using (var village = await townshipAdmin.PostJsonAsync("api/portal/villages", new { name = "东山村" }))
            await village.ShouldBeAsync(HttpStatusCode.Created);

        using var byHost = Host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{hostName}/"), AllowAutoRedirect = false });
        var villages = await byHost.GetJsonAsync("api/portal/villages");
        Assert.Equal("东山村", Assert.Single(villages.EnumerateArray()).GetProperty("name").GetString());
        byHost.DefaultRequestHeaders.Authorization = new("Bearer", await township.AdminTokenAsync());
        Assert.Equal("admin", (await byHost.GetJsonAsync("api/me")).GetProperty("userName").GetString());
    }

    [Fact]
    public async Task AHostNameTakenByAnotherTownshipIsRefusedWith400()
    {
        var hostName = $"{Names.Random(8)}.example.cn";
        using var admin = await Host.AdminClientAsync();
        using (var first = await admin.PostJsonAsync("api/tenants", NewTownship(Names.Township(), hostNames: [hostName])))
            await first.ShouldBeAsync(HttpStatusCode.Created);

        var second = Names.Township();
        using var response = await admin.PostJsonAsync("api/tenants", NewTownship(second, hostNames: [hostName]));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("hostNames");
        await (await admin.GetAsync($"api/tenants/{second}", CT)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ANullFeatureInAFeatureChangeIsRefusedWith400()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostRawAsync($"api/tenants/{township.Name}/features", "{\"enable\":[null],\"disable\":[null]}");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("features");
    }

    [Fact]
    public async Task UpdatingATownshipChangesItsNameAndSettings()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PutAsJsonAsync($"api/tenants/{township.Name}", new
        {
            displayName = "新名镇",
            settings = new { kind = "乡", primaryColor = "#123456", accentColor = "#abcdef", slogan = "小事不出村", timeZone = "Asia/Shanghai" },
        }, CT);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await admin.GetJsonAsync($"api/tenants/{township.Name}");
        Assert.Equal("新名镇", body.GetProperty("displayName").GetString());
        Assert.Equal("#123456", body.GetProperty("settings").GetProperty("primaryColor").GetString());
        Assert.Equal("乡", body.GetProperty("settings").GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("/media/logo.png")]
    [InlineData("https://cdn.example.cn/logo.png")]
    public async Task ALogoUrlMayBeASitePathOrAnHttpsAddress(string logoUrl)
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PutAsJsonAsync($"api/tenants/{township.Name}", new
        {
            settings = new { kind = "镇", primaryColor = "#123456", accentColor = "#abcdef", logoUrl, timeZone = "Asia/Shanghai" },
        }, CT);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(logoUrl, (await response.JsonAsync()).GetProperty("settings").GetProperty("logoUrl").GetString());
    }

    [Theory]
    [InlineData("{\"displayName\":\"  \"}", "displayName")]
    [InlineData("{\"theme\":\"NoSuchTheme\"}", "theme")]
    [InlineData("{\"theme\":\"Admin\"}", "theme")]
    [InlineData("{\"settings\":{\"primaryColor\":\"red\"}}", "primaryColor")]
    [InlineData("{\"settings\":{\"primaryColor\":null}}", "primaryColor")]
    [InlineData("{\"settings\":{\"accentColor\":null}}", "accentColor")]
    [InlineData("{\"settings\":{\"kind\":null}}", "kind")]
    [InlineData("{\"settings\":{\"kind\":\"城\"}}", "kind")]
    [InlineData("{\"settings\":{\"logoUrl\":\"//evil.example/x.png\"}}", "logoUrl")]
    [InlineData("{\"settings\":{\"logoUrl\":\"/\\\\evil.example/x.png\"}}", "logoUrl")]
    [InlineData("{\"settings\":{\"logoUrl\":\"javascript:alert(1)\"}}", "logoUrl")]
    [InlineData("{\"settings\":{\"logoUrl\":\"file:///etc/passwd\"}}", "logoUrl")]
    [InlineData("{\"settings\":{\"timeZone\":\"Mars/Olympus_Mons\"}}", "timeZone")]
    [InlineData("{\"settings\":{\"timeZone\":null}}", "timeZone")]
    [InlineData("{\"hostNames\":[null]}", "hostNames")]
    public async Task AnInvalidUpdateIsRefusedWith400AndChangesNothing(string body, string field)
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await Host.AdminClientAsync();
        var before = (await admin.GetJsonAsync($"api/tenants/{township.Name}")).GetRawText();

        using var response = await admin.PutAsync($"api/tenants/{township.Name}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), CT);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors(field);
        Assert.Equal(before, (await admin.GetJsonAsync($"api/tenants/{township.Name}")).GetRawText());
        using var home = township.Anonymous();
        await (await home.GetAsync("", CT)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ANonNumericQueryParameterIs400()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.GetAsync("api/portal/notices?take=many", CT);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AHyphenatedTownshipNameWorks()
    {
        var township = await Host.CreateTownshipAsync($"t{Names.Random(4)}-{Names.Random(4)}");
        using var admin = await township.AsAdminAsync();

        using var response = await admin.PostJsonAsync("api/portal/villages", new { name = "东山村" });

        await response.ShouldBeAsync(HttpStatusCode.Created);
    }
}

public sealed class TenantInputTests_Sqlite(SqliteHost host) : TenantInputTests(host);

public sealed class TenantInputTests_Postgres(PostgresHost host) : TenantInputTests(host);
