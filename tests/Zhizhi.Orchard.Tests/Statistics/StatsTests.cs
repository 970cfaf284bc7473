using System.Net;
using System.Text.Json;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Statistics;

/// <summary>Contract "Statistics": a township's parts from its enabled features, and the county's sums.</summary>
public abstract class StatsTests(ZhizhiHost fixture)
{
    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task GrantAsync(HttpClient admin, string userName, int points)
    {
        using var response = await admin.PostJsonAsync("api/points/grants", new { userName, points, reason = "统计测试" });
        await response.ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task StaffSeeTheFiguresOfEveryEnabledFeatureOfTheirTownship()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        await GrantAsync(admin, volunteer.UserName, 30);
        await GrantAsync(admin, volunteer.UserName, 12);
        var mediator = await township.CreateUserAsync("Mediator");
        using var staff = township.As(mediator.Token);

        var stats = await staff.GetJsonAsync("api/stats");

        Assert.Equal(42, stats.GetProperty("points").GetProperty("issued").GetInt64());
        Assert.Equal(0, stats.GetProperty("points").GetProperty("redeemed").GetInt64());
        Assert.Equal(0, stats.GetProperty("bookings").GetProperty("booked").GetInt32());
        Assert.True(stats.GetProperty("volunteers").TryGetProperty("hours", out _));
    }

    [Fact]
    public async Task ResidentsAndVisitorsGetNoFigures()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var asResident = township.As(resident.Token);
        using var anonymous = township.Anonymous();

        using (var response = await asResident.GetAsync("api/stats", TestContext.Current.CancellationToken))
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var response = await anonymous.GetAsync("api/stats", TestContext.Current.CancellationToken))
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ADisabledFeatureContributesNoPart()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using var county = await Host.AdminClientAsync();
        using (var response = await county.PostJsonAsync($"api/tenants/{township.Name}/features", new { disable = new[] { "Mediation.Booking" } }))
            await response.ShouldBeAsync(HttpStatusCode.OK);

        var stats = await admin.GetJsonAsync("api/stats");

        Assert.False(stats.TryGetProperty("bookings", out _));
        Assert.True(stats.TryGetProperty("points", out _));
    }

    [Fact]
    public async Task TheCountyListsEachTownshipAndTheirSum()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        await GrantAsync(admin, volunteer.UserName, 25);
        using var county = await Host.AdminClientAsync();

        var stats = await county.GetJsonAsync("api/stats");

        var townships = stats.GetProperty("townships").EnumerateArray().ToList();
        var mine = townships.Single(t => t.GetProperty("name").GetString() == township.Name);
        Assert.Equal(25, mine.GetProperty("points").GetProperty("issued").GetInt64());
        // Other tests create townships in parallel: the sum must agree with the list it came with.
        static long Issued(JsonElement t) => t.TryGetProperty("points", out var p) ? p.GetProperty("issued").GetInt64() : 0;
        Assert.Equal(townships.Sum(Issued), stats.GetProperty("county").GetProperty("points").GetProperty("issued").GetInt64());
    }

    [Fact]
    public async Task ATownshipAdminCannotReadTheCountyFigures()
    {
        var township = await Host.CreateTownshipAsync();
        using var county = Host.NewClient(token: await township.AdminTokenAsync());

        using var response = await county.GetAsync("api/stats", TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class StatsTests_Sqlite(SqliteHost host) : StatsTests(host);

public sealed class StatsTests_Postgres(PostgresHost host) : StatsTests(host);
