using System.Net;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Users;

/// <summary>Bearer tokens: issued per tenant, valid only there, and guessing is throttled.</summary>
public abstract class TokenTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    [Fact]
    public async Task TheRightPasswordGivesABearerTokenForAnHour()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.PostJsonAsync("api/auth/token", new { userName = township.AdminUserName, password = township.AdminPassword });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());
        using var me = township.As(body.GetProperty("accessToken").GetString()!);
        Assert.Equal(township.AdminUserName, (await me.GetJsonAsync("api/me")).GetProperty("userName").GetString());
    }

    [Fact]
    public async Task AWrongPasswordIs401()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.PostJsonAsync("api/auth/token", new { userName = township.AdminUserName, password = "Wrong-Pass-1" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnUnknownUserIs401LikeAWrongPassword()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.PostJsonAsync("api/auth/token", new { userName = "nobody-here", password = "Wrong-Pass-1" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AMissingPasswordIs400WithTheField()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.PostJsonAsync("api/auth/token", new { userName = township.AdminUserName });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("password");
    }

    [Fact]
    public async Task RepeatedWrongPasswordsForAUserAre429EvenWithTheRightOneAfterwards()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var client = township.Anonymous();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PostJsonAsync("api/auth/token", new { userName = resident.UserName, password = "Wrong-Pass-" + i });
            codes.Add(response.StatusCode);
        }

        Assert.All(codes.Take(5), c => Assert.True(c is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"got {c}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[5]);
        using var right = await client.PostJsonAsync("api/auth/token", new { userName = resident.UserName, password = resident.Password });
        await right.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        // Throttling is per user: the administrator of the same township still signs in.
        await township.AdminTokenAsync();
    }

    [Fact]
    public async Task ATokenFromOneTownshipIs401InAnother()
    {
        var a = await Host.CreateTownshipAsync();
        var b = await Host.CreateTownshipAsync();
        using var client = b.As(await a.AdminTokenAsync());

        using var response = await client.GetAsync("api/me", CT);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var users = await client.PostJsonAsync("api/users", new { userName = "x-user", password = "Xx-123456", displayName = "某人", roles = new[] { "Resident" } });
        await users.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AHostTokenIs401InATownship()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.As(await Host.AdminTokenAsync());

        using var response = await client.GetAsync("api/me", CT);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AResidentTokenIs401OnTheHostTenantApi()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var client = Host.NewClient(token: resident.Token);

        using var response = await client.GetAsync("api/tenants", CT);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATownshipAdminTokenIs401OnTheHostTenantApi()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = Host.NewClient(token: await township.AdminTokenAsync());

        using var response = await client.PostJsonAsync("api/tenants", new { name = Names.Township(), displayName = "x", adminUserName = "admin", adminPassword = "Admin-Pass-2026" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MeWithoutATokenIs401()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.GetAsync("api/me", CT);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class TokenTests_Sqlite(SqliteHost host) : TokenTests(host);

public sealed class TokenTests_Postgres(PostgresHost host) : TokenTests(host);
