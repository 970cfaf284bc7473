using System.Net;
using System.Text.Json;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Tenants;

/// <summary>The county's tenant API: creating townships and what a refused creation leaves behind.</summary>
public abstract class TenantTests(ZhizhiHost fixture)
{
    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object NewTownship(string name, string? password = null, string[]? features = null) => new
    {
        name,
        displayName = "测试镇",
        adminUserName = "admin",
        adminPassword = password ?? "Admin-Pass-2026",
        features,
    };

    [Fact]
    public async Task CreatingATownshipReturns201WithItsDescriptionAndItAnswersAtOnce()
    {
        var name = Names.Township();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostJsonAsync("api/tenants", NewTownship(name));

        await response.ShouldBeAsync(HttpStatusCode.Created);
        Assert.EndsWith($"/api/tenants/{name}", response.Headers.Location?.ToString());
        var body = await response.JsonAsync();
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal("测试镇", body.GetProperty("displayName").GetString());
        Assert.Equal("Running", body.GetProperty("state").GetString());
        Assert.Equal($"/{name}/", body.GetProperty("url").GetString());
        var features = body.GetProperty("features").Strings();
        Assert.Contains("Portal", features);
        Assert.Contains("Users", features);
        Assert.DoesNotContain("Townships", features);

        using var anonymous = Host.NewClient(name);
        var villages = await anonymous.GetJsonAsync("api/portal/villages");
        Assert.Equal(JsonValueKind.Array, villages.ValueKind);
        Assert.Equal(0, villages.GetArrayLength());
    }

    [Fact]
    public async Task ANewTownshipIsListedAndCanBeFetchedByName()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await Host.AdminClientAsync();

        var list = await admin.GetJsonAsync("api/tenants");
        var listed = Assert.Single(list.EnumerateArray(), t => t.GetProperty("name").GetString() == township.Name);
        Assert.Equal("Running", listed.GetProperty("state").GetString());
        Assert.Contains("Portal", listed.GetProperty("features").Strings());
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("displayName").GetString()));
        Assert.DoesNotContain(list.EnumerateArray(), t => t.GetProperty("name").GetString() == "default");

        var one = await admin.GetJsonAsync($"api/tenants/{township.Name}");
        Assert.Equal(township.Name, one.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("Hengjie")]
    [InlineData("a")]
    [InlineData("api")]
    [InlineData("admin")]
    [InlineData("default")]
    [InlineData("health")]
    [InlineData("openapi")]
    [InlineData("1town")]
    [InlineData("-town")]
    [InlineData("town_ship")]
    [InlineData("横街镇")]
    [InlineData("")]
    public async Task AnInvalidTownshipNameIsRefusedWith400AndAChineseReason(string name)
    {
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostJsonAsync("api/tenants", NewTownship(name));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors("name");
    }

    [Fact]
    public async Task ATakenTownshipNameIsRefusedWith409()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostJsonAsync("api/tenants", NewTownship(township.Name));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OfTwentyParallelCreationsOfOneNameExactlyOneSucceedsAndTheRestConflict()
    {
        var name = Names.Township();
        using var admin = await Host.AdminClientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => admin.PostJsonAsync("api/tenants", NewTownship(name))));

        try
        {
            var codes = responses.Select(r => r.StatusCode).ToList();
            Assert.DoesNotContain(codes, c => (int)c >= 500);
            Assert.Single(codes, HttpStatusCode.Created);
            Assert.Equal(19, codes.Count(c => c == HttpStatusCode.Conflict));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        using var township = Host.NewClient(name);
        await township.GetJsonAsync("api/portal/villages");
    }

    [Fact]
    public async Task MalformedJsonIsRefusedWith400AndAChineseProblem()
    {
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostRawAsync("api/tenants", "{\"name\": \"abc\", ");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AJsonValueOfTheWrongTypeIsRefusedWith400()
    {
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostRawAsync("api/tenants", "{\"name\": 42, \"features\": \"Portal\"}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsRefusedWith415()
    {
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostRawAsync("api/tenants", "name=abc", "application/x-www-form-urlencoded");

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ABodyOverOneMegabyteIsRefusedWith413()
    {
        var name = Names.Township();
        using var admin = await Host.AdminClientAsync();
        var huge = JsonSerializer.Serialize(new { name, displayName = new string('镇', 400_000), adminUserName = "admin", adminPassword = "Admin-Pass-2026" });
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(huge) > 1024 * 1024);

        using var response = await admin.PostRawAsync("api/tenants", huge);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await admin.GetAsync($"api/tenants/{name}", TestContext.Current.CancellationToken)).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownFeatureIsRefusedWith400AndNothingIsCreated()
    {
        var name = Names.Township();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostJsonAsync("api/tenants", NewTownship(name, features: ["Portal", "NoSuchFeature"]));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.FieldErrors("features"), m => m.Contains("NoSuchFeature", StringComparison.Ordinal));
        await AssertNothingLeftAsync(admin, name);
    }

    [Fact]
    public async Task AHostOnlyFeatureCannotBeGivenToANewTownship()
    {
        var name = Names.Township();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostJsonAsync("api/tenants", NewTownship(name, features: ["Townships"]));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("features");
        await AssertNothingLeftAsync(admin, name);
    }

    [Fact]
    public async Task AWeakAdminPasswordIsRefusedBeforeAnythingIsCreated()
    {
        var name = Names.Township();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostJsonAsync("api/tenants", NewTownship(name, password: "short"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("adminPassword");
        await AssertNothingLeftAsync(admin, name);
    }

    [Fact]
    public async Task AnUnknownRecipeIsRefusedWith400()
    {
        var name = Names.Township();
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.PostJsonAsync("api/tenants", new
        {
            name, displayName = "测试镇", adminUserName = "admin", adminPassword = "Admin-Pass-2026", recipe = "no-such-recipe",
        });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("recipe");
        await AssertNothingLeftAsync(admin, name);
    }

    [Fact]
    public async Task AnUnknownTownshipIsNotFound()
    {
        using var admin = await Host.AdminClientAsync();

        using var response = await admin.GetAsync($"api/tenants/{Names.Township()}", TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    protected async Task AssertNothingLeftAsync(HttpClient admin, string name)
    {
        using var get = await admin.GetAsync($"api/tenants/{name}", TestContext.Current.CancellationToken);
        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var list = await admin.GetJsonAsync("api/tenants");
        Assert.DoesNotContain(list.EnumerateArray(), t => t.GetProperty("name").GetString() == name);
        Assert.False(Directory.Exists(Path.Combine(Host.DataPath, "Townships", name)), "the township's folder was left behind");
        if (Host is PostgresHost pg) Assert.False(await pg.SchemaExistsAsync("t_" + name.Replace('-', '_')), "the township's schema was left behind");
        using var township = Host.NewClient(name);
        using var villages = await township.GetAsync("api/portal/villages", TestContext.Current.CancellationToken);
        await villages.ShouldBeAsync(HttpStatusCode.NotFound);
    }
}

public sealed class TenantTests_Sqlite(SqliteHost host) : TenantTests(host);

public sealed class TenantTests_Postgres(PostgresHost host) : TenantTests(host);
