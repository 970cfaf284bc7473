using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.VolunteerPoints.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.VolunteerPoints;

/// <summary>Volunteer activities, the points ledger and the exchange shop (志愿积分与爱心超市).</summary>
public abstract class VolunteerPointsTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object Activity(string title = "平安巡逻", int points = 10, int capacity = 20, double startInHours = 24, double hours = 2)
    {
        var start = DateTimeOffset.UtcNow.AddHours(startInHours).ToOffset(TimeSpan.FromHours(8));
        return new { title, start, end = start.AddHours(hours), location = "村文化礼堂", points, capacity };
    }

    private static async Task<int> CreateActivityAsync(HttpClient admin, object activity)
    {
        using var response = await admin.PostJsonAsync("api/volunteers/activities", activity);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetInt32();
    }

    private static async Task<int> AddItemAsync(HttpClient admin, string name, int pointsCost, int stock)
    {
        using var response = await admin.PostJsonAsync("api/exchange/items", new { name, pointsCost, stock });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetInt32();
    }

    private static async Task GrantAsync(HttpClient admin, string userName, int points)
    {
        using var response = await admin.PostJsonAsync("api/points/grants", new { userName, points, reason = "测试发放" });
        await response.ShouldBeAsync(HttpStatusCode.Created);
    }

    private static async Task<int> BalanceAsync(HttpClient client) => (await client.GetJsonAsync("api/points/balance")).GetProperty("balance").GetInt32();

    private static async Task<int> StockAsync(HttpClient client, int itemId)
        => (await client.GetJsonAsync("api/exchange/items")).EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == itemId).GetProperty("stock").GetInt32();

    /// <summary>The ledger sums to the balance and its newest entry carries it; returns the balance.</summary>
    private static async Task<int> AssertBalanceEqualsLedgerAsync(HttpClient client)
    {
        var balance = await BalanceAsync(client);
        var ledger = await client.GetJsonAsync("api/points/ledger");
        Assert.Equal(balance, ledger.EnumerateArray().Sum(e => e.GetProperty("delta").GetInt32()));
        if (ledger.GetArrayLength() > 0) Assert.Equal(balance, ledger[0].GetProperty("balanceAfter").GetInt32());
        Assert.All(ledger.EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("reason").GetString())));
        Assert.True(balance >= 0);
        return balance;
    }

    private static async Task<HttpResponseMessage[]> InParallelAsync(int count, Func<int, Task<HttpResponseMessage>> send)
        => await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => send(i), CT)));

    private static void Dispose(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task AVolunteerSignsUpIsCheckedInRedeemsAndTheClerkFulfils()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        var clerk = await township.CreateUserAsync("ShopClerk");
        using var asVolunteer = township.As(volunteer.Token);
        using var asClerk = township.As(clerk.Token);

        var activityId = await CreateActivityAsync(admin, Activity("平安志愿者巡逻", points: 30, capacity: 5, hours: 2));
        var list = await township.Anonymous().GetJsonAsync("api/volunteers/activities");
        var listed = Assert.Single(list.EnumerateArray());
        Assert.Equal("平安志愿者巡逻", listed.GetProperty("title").GetString());
        Assert.Equal(30, listed.GetProperty("points").GetInt32());
        Assert.Equal(TimeSpan.FromHours(8), listed.GetProperty("start").GetDateTimeOffset().Offset);

        using (var r = await asVolunteer.PostJsonAsync($"api/volunteers/activities/{activityId}/signups", new { })) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await asVolunteer.PostJsonAsync($"api/volunteers/activities/{activityId}/signups", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{activityId}/checkins", new { userName = volunteer.UserName })) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{activityId}/checkins", new { userName = volunteer.UserName })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var balance = await asVolunteer.GetJsonAsync("api/points/balance");
        Assert.Equal(volunteer.UserName, balance.GetProperty("userName").GetString());
        Assert.Equal(30, balance.GetProperty("balance").GetInt32());

        var riceId = await AddItemAsync(admin, "大米", pointsCost: 10, stock: 5);
        string code;
        using (var r = await asVolunteer.PostJsonAsync("api/exchange/redemptions", new { itemId = riceId, quantity = 2 }))
        {
            await r.ShouldBeAsync(HttpStatusCode.Created);
            var redemption = await r.JsonAsync();
            Assert.Equal("reserved", redemption.GetProperty("status").GetString());
            Assert.True(redemption.GetProperty("id").GetInt32() > 0);
            code = redemption.GetProperty("code").GetString()!;
        }
        Assert.Equal(10, await AssertBalanceEqualsLedgerAsync(asVolunteer));
        Assert.Equal(3, await StockAsync(asVolunteer, riceId));

        using (var r = await asClerk.PostJsonAsync($"api/exchange/redemptions/{code}/fulfil", new { })) await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var r = await asClerk.PostJsonAsync($"api/exchange/redemptions/{code}/fulfil", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var r = await asClerk.PostJsonAsync($"api/exchange/redemptions/{code}/cancel", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var ledger = await asVolunteer.GetJsonAsync("api/points/ledger");
        Assert.Equal([-20, 30], ledger.EnumerateArray().Select(e => e.GetProperty("delta").GetInt32()));
        Assert.Equal(["redemption", "activity"], ledger.EnumerateArray().Select(e => e.GetProperty("source").GetString()));

        var stats = await admin.GetJsonAsync("api/points/stats");
        Assert.Equal(1, stats.GetProperty("volunteers").GetProperty("count").GetInt32());
        Assert.Equal(2, stats.GetProperty("volunteers").GetProperty("hours").GetDouble());
        Assert.Equal(1, stats.GetProperty("volunteers").GetProperty("activities").GetInt32());
        Assert.Equal(30, stats.GetProperty("points").GetProperty("issued").GetInt32());
        Assert.Equal(20, stats.GetProperty("points").GetProperty("redeemed").GetInt32());
    }

    [Fact]
    public async Task CancellingARedemptionReturnsStockAndPoints()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        await GrantAsync(admin, volunteer.UserName, 100);
        var oilId = await AddItemAsync(admin, "食用油", pointsCost: 40, stock: 3);

        using var redeemed = await client.PostJsonAsync("api/exchange/redemptions", new { itemId = oilId, quantity = 2 });
        await redeemed.ShouldBeAsync(HttpStatusCode.Created);
        var code = (await redeemed.JsonAsync()).GetProperty("code").GetString()!;
        Assert.Equal(20, await BalanceAsync(client));
        Assert.Equal(1, await StockAsync(client, oilId));

        using (var r = await client.PostJsonAsync($"api/exchange/redemptions/{code}/cancel", new { })) await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var r = await client.PostJsonAsync($"api/exchange/redemptions/{code}/cancel", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var r = await admin.PostJsonAsync($"api/exchange/redemptions/{code}/fulfil", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(100, await AssertBalanceEqualsLedgerAsync(client));
        Assert.Equal(3, await StockAsync(client, oilId));
        Assert.Equal("cancellation", (await client.GetJsonAsync("api/points/ledger"))[0].GetProperty("source").GetString());
        var stats = await admin.GetJsonAsync("api/points/stats");
        Assert.Equal(0, stats.GetProperty("points").GetProperty("redeemed").GetInt32());
    }

    [Fact]
    public async Task RedeemingWithTooFewPointsOrStockIs409AndChangesNothing()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        await GrantAsync(admin, volunteer.UserName, 50);
        var itemId = await AddItemAsync(admin, "洗衣液", pointsCost: 30, stock: 1);

        using (var r = await client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 2 })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var expensive = await AddItemAsync(admin, "电饭煲", pointsCost: 500, stock: 10);
        using (var r = await client.PostJsonAsync("api/exchange/redemptions", new { itemId = expensive, quantity = 1 })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(50, await AssertBalanceEqualsLedgerAsync(client));
        Assert.Equal(1, await StockAsync(client, itemId));
        Assert.Equal(10, await StockAsync(client, expensive));
    }

    [Fact]
    public async Task TwoHundredParallelRedemptionsAgainstAStockOfTenGiveExactlyTen()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteers = new List<TestUser>();
        for (var i = 0; i < 4; i++) volunteers.Add(await township.CreateUserAsync("Volunteer"));
        foreach (var v in volunteers) await GrantAsync(admin, v.UserName, 1000);
        var itemId = await AddItemAsync(admin, "大米", pointsCost: 5, stock: 10);
        var clients = volunteers.Select(v => township.As(v.Token)).ToList();

        var responses = await InParallelAsync(200, i => clients[i % clients.Count].PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 1 }));
        try
        {
            Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        }
        finally
        {
            Dispose(responses);
        }

        Assert.Equal(0, await StockAsync(admin, itemId));
        var total = 0;
        foreach (var c in clients) total += await AssertBalanceEqualsLedgerAsync(c);
        Assert.Equal(4 * 1000 - 10 * 5, total);
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task FiftyParallelRedemptionsWithPointsForThreeGiveExactlyThree()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        await GrantAsync(admin, volunteer.UserName, 30);
        var itemId = await AddItemAsync(admin, "食用油", pointsCost: 10, stock: 100);

        var responses = await InParallelAsync(50, _ => client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 1 }));
        try
        {
            Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        }
        finally
        {
            Dispose(responses);
        }

        Assert.Equal(0, await AssertBalanceEqualsLedgerAsync(client));
        Assert.Equal(97, await StockAsync(client, itemId));
    }

    [Fact]
    public async Task ParallelCheckInsOfOneVolunteerAwardThePointsOnce()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        var activityId = await CreateActivityAsync(admin, Activity(points: 25));

        var responses = await InParallelAsync(20, _ => admin.PostJsonAsync($"api/volunteers/activities/{activityId}/checkins", new { userName = volunteer.UserName }));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        }
        finally
        {
            Dispose(responses);
        }

        Assert.Equal(25, await AssertBalanceEqualsLedgerAsync(client));
        Assert.Equal(1, (await client.GetJsonAsync("api/points/ledger")).GetArrayLength());

        var found = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(found);
        var db = scope.ServiceProvider.GetRequiredService<PointsDbContext>();
        var events = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.EndsWith(nameof(ActivityCheckedIn))).ToListAsync(CT);
        Assert.Contains(volunteer.UserName, Assert.Single(events).Payload);
    }

    [Fact]
    public async Task ParallelSignUpsNeverExceedTheCapacity()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var activityId = await CreateActivityAsync(admin, Activity(capacity: 2));
        var clients = new List<HttpClient>();
        for (var i = 0; i < 5; i++) clients.Add(township.As((await township.CreateUserAsync("Volunteer")).Token));

        var responses = await InParallelAsync(20, i => clients[i % clients.Count].PostJsonAsync($"api/volunteers/activities/{activityId}/signups", new { }));
        try
        {
            Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        }
        finally
        {
            Dispose(responses);
            foreach (var c in clients) c.Dispose();
        }
        var listed = (await admin.GetJsonAsync("api/volunteers/activities"))[0];
        Assert.Equal(2, listed.GetProperty("signedUp").GetInt32());
    }

    [Fact]
    public async Task AVolunteerWhoWithdrawsGivesThePlaceBackButNotAfterCheckIn()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var first = await township.CreateUserAsync("Volunteer");
        var second = await township.CreateUserAsync("Volunteer");
        using var asFirst = township.As(first.Token);
        using var asSecond = township.As(second.Token);
        var id = await CreateActivityAsync(admin, Activity(capacity: 1));

        using (var r = await asFirst.PostJsonAsync($"api/volunteers/activities/{id}/signups", new { })) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await asSecond.PostJsonAsync($"api/volunteers/activities/{id}/signups", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var r = await asFirst.DeleteAsync($"api/volunteers/activities/{id}/signups", CT)) await r.ShouldBeAsync(HttpStatusCode.NoContent);
        using (var r = await asFirst.DeleteAsync($"api/volunteers/activities/{id}/signups", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await asSecond.PostJsonAsync($"api/volunteers/activities/{id}/signups", new { })) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{id}/checkins", new { userName = second.UserName })) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await asSecond.DeleteAsync($"api/volunteers/activities/{id}/signups", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(1, (await admin.GetJsonAsync("api/volunteers/activities"))[0].GetProperty("signedUp").GetInt32());
    }

    [Fact]
    public async Task InvalidActivitiesAreRefusedWith400NamingTheFields()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var start = DateTimeOffset.UtcNow.AddDays(1);

        using var response = await admin.PostJsonAsync("api/volunteers/activities",
            new { title = "", start, end = start.AddHours(-1), location = "礼堂", points = 0, capacity = 0 });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors("title");
        problem.FieldErrors("end");
        problem.FieldErrors("points");
        problem.FieldErrors("capacity");
        using (var r = await admin.PostJsonAsync("api/volunteers/activities", new { title = "巡逻", start, end = start.AddHours(1), location = "礼堂", points = -5, capacity = 3 }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("points");
        Assert.Equal(0, (await admin.GetJsonAsync("api/volunteers/activities")).GetArrayLength());
    }

    [Fact]
    public async Task BadGrantsRedemptionsAndCheckInsAre400AndChangeNothing()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        var activityId = await CreateActivityAsync(admin, Activity());
        var itemId = await AddItemAsync(admin, "大米", pointsCost: 1, stock: 5);

        using (var r = await admin.PostJsonAsync("api/points/grants", new { userName = volunteer.UserName, points = 0, reason = "奖励" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("points");
        using (var r = await admin.PostJsonAsync("api/points/grants", new { userName = volunteer.UserName, points = -10, reason = "奖励" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("points");
        using (var r = await admin.PostJsonAsync("api/points/grants", new { userName = volunteer.UserName, points = 10, reason = "" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("reason");
        using (var r = await admin.PostJsonAsync("api/points/grants", new { userName = "nobody-here", points = 10, reason = "奖励" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("userName");
        using (var r = await admin.PostRawAsync("api/points/grants", "{\"userName\":\"x\",\"points\":\"many\"}"))
            await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{activityId}/checkins", new { userName = "nobody-here" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("userName");
        using (var r = await admin.PostJsonAsync("api/exchange/items", new { name = "油", pointsCost = 0, stock = -1 }))
        {
            var problem = await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.FieldErrors("pointsCost");
            problem.FieldErrors("stock");
        }
        await GrantAsync(admin, volunteer.UserName, 10);
        using (var r = await client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 0 }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("quantity");
        using (var r = await client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = -2 }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("quantity");
        using (var r = await client.PostJsonAsync("api/exchange/redemptions", new { itemId = 9999, quantity = 1 }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("itemId");
        using (var r = await client.PostJsonAsync("api/volunteers/activities/9999/signups", new { }))
            await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await admin.PostJsonAsync("api/volunteers/activities/9999/checkins", new { userName = volunteer.UserName }))
            await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await admin.PostJsonAsync("api/exchange/redemptions/NOSUCHCODE/fulfil", new { }))
            await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(10, await AssertBalanceEqualsLedgerAsync(client));
        Assert.Equal(5, await StockAsync(client, itemId));
        Assert.Equal(1, (await admin.GetJsonAsync("api/exchange/items")).GetArrayLength());
        Assert.Equal(0, (await admin.GetJsonAsync("api/points/stats")).GetProperty("volunteers").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task AVolunteerCannotGrantPointsCreateActivitiesOrFulfil()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        var other = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        using var otherClient = township.As(other.Token);
        await GrantAsync(admin, volunteer.UserName, 10);
        var itemId = await AddItemAsync(admin, "大米", pointsCost: 5, stock: 5);
        using var redeemed = await client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 1 });
        var code = (await redeemed.JsonAsync()).GetProperty("code").GetString()!;

        using (var r = await client.PostJsonAsync("api/points/grants", new { userName = volunteer.UserName, points = 100, reason = "自己给自己" }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await client.PostJsonAsync("api/volunteers/activities", Activity()))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await client.PostJsonAsync($"api/exchange/redemptions/{code}/fulfil", new { }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await otherClient.PostJsonAsync($"api/exchange/redemptions/{code}/cancel", new { }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await client.GetAsync("api/points/stats", CT))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await township.Anonymous().PostJsonAsync("api/points/grants", new { userName = volunteer.UserName, points = 100, reason = "匿名" }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(5, await AssertBalanceEqualsLedgerAsync(client));
    }

    [Fact]
    public async Task AnotherTownshipsActivitiesAndCodesAreNotFound()
    {
        var a = await Host.CreateTownshipAsync();
        var b = await Host.CreateTownshipAsync();
        using var adminA = await a.AsAdminAsync();
        var volunteerA = await a.CreateUserAsync("Volunteer");
        using var clientA = a.As(volunteerA.Token);
        var activityId = await CreateActivityAsync(adminA, Activity());
        await GrantAsync(adminA, volunteerA.UserName, 10);
        var itemId = await AddItemAsync(adminA, "大米", pointsCost: 5, stock: 5);
        using var redeemed = await clientA.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 1 });
        var code = (await redeemed.JsonAsync()).GetProperty("code").GetString()!;

        var volunteerB = await b.CreateUserAsync("Volunteer");
        using var clientB = b.As(volunteerB.Token);
        using var adminB = await b.AsAdminAsync();
        using (var r = await clientB.PostJsonAsync($"api/volunteers/activities/{activityId}/signups", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await adminB.PostJsonAsync($"api/exchange/redemptions/{code}/fulfil", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await clientB.GetJsonAsync("api/volunteers/activities")).GetArrayLength());
        Assert.Equal(0, (await clientB.GetJsonAsync("api/exchange/items")).GetArrayLength());
        using (var r = await b.As(volunteerA.Token).GetAsync("api/points/balance", CT)) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal(5, await AssertBalanceEqualsLedgerAsync(clientA));
    }

    [Fact]
    public async Task WithoutPointsExchangeTheShopIsNotFound()
    {
        var township = await Host.CreateTownshipAsync(features: ["VolunteerPoints"]);
        using var admin = await township.AsAdminAsync();

        using var response = await admin.GetAsync("api/exchange/items", CT);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, (await admin.GetJsonAsync("api/volunteers/activities")).GetArrayLength());
    }

    [Fact]
    public async Task ThePagesShowActivitiesPointsAndTheShop()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        await CreateActivityAsync(admin, Activity("河道清洁志愿行"));
        await GrantAsync(admin, volunteer.UserName, 42);
        await AddItemAsync(admin, "洗衣液", pointsCost: 30, stock: 7);
        async Task<string> PageAsync(HttpClient c, string url)
        {
            using var response = await c.GetAsync(url, CT);
            await response.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            return await response.Content.ReadAsStringAsync(CT);
        }

        using var anonymous = township.Anonymous();
        Assert.Contains("河道清洁志愿行", await PageAsync(anonymous, "volunteers"));
        Assert.Contains("报名", await PageAsync(client, "volunteers"));
        var points = await PageAsync(client, "points");
        Assert.Contains("42", points);
        Assert.Contains("测试发放", points);
        Assert.Contains("洗衣液", await PageAsync(client, "exchange"));
        Assert.Contains("签到并发放积分", await PageAsync(admin, "admin/volunteers"));
        Assert.Contains("凭兑换码发放", await PageAsync(admin, "admin/exchange"));
        using var denied = await client.GetAsync("admin/volunteers", CT);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task TheFormsSignUpCheckInRedeemAndFulfil()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        var clerk = await township.CreateUserAsync("ShopClerk");
        using var client = township.As(volunteer.Token);
        using var asClerk = township.As(clerk.Token);
        var start = DateTime.UtcNow.AddHours(8).AddDays(1);

        using (var r = await admin.PostFormAsync("admin/volunteers", "?handler=Create", new()
        {
            ["Input.Title"] = "环境整治", ["Input.Location"] = "村口", ["Input.Start"] = start.ToString("yyyy-MM-ddTHH:mm"),
            ["Input.End"] = start.AddHours(2).ToString("yyyy-MM-ddTHH:mm"), ["Input.Points"] = "20", ["Input.Capacity"] = "5",
        }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var activity = (await admin.GetJsonAsync("api/volunteers/activities"))[0];
        Assert.Equal("环境整治", activity.GetProperty("title").GetString());
        var id = activity.GetProperty("id").GetInt32();

        using (var r = await client.PostFormAsync("volunteers", $"?handler=SignUp&id={id}", [])) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(1, (await admin.GetJsonAsync("api/volunteers/activities"))[0].GetProperty("signedUp").GetInt32());
        using (var r = await admin.PostFormAsync("admin/volunteers", "?handler=CheckIn", new() { ["Checkin.ActivityId"] = id.ToString(), ["Checkin.UserName"] = volunteer.UserName }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var r = await admin.PostFormAsync("admin/volunteers", "?handler=CheckIn", new() { ["Checkin.ActivityId"] = id.ToString(), ["Checkin.UserName"] = volunteer.UserName }))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("积分不会重复发放", await r.Content.ReadAsStringAsync(CT));
        }
        Assert.Equal(20, await AssertBalanceEqualsLedgerAsync(client));

        using (var r = await admin.PostFormAsync("admin/exchange", "?handler=AddItem", new() { ["Input.Name"] = "大米", ["Input.PointsCost"] = "15", ["Input.Stock"] = "2" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var itemId = (await client.GetJsonAsync("api/exchange/items"))[0].GetProperty("id").GetInt32();
        using (var r = await client.PostFormAsync("exchange", "?handler=Redeem", new() { ["itemId"] = itemId.ToString(), ["quantity"] = "1" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(5, await AssertBalanceEqualsLedgerAsync(client));
        var code = (await client.GetJsonAsync("api/exchange/redemptions"))[0].GetProperty("code").GetString()!;
        using (var r = await asClerk.PostFormAsync("admin/exchange", "?handler=Fulfil", new() { ["Code"] = code.ToLowerInvariant() }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("fulfilled", (await client.GetJsonAsync("api/exchange/redemptions"))[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheDemoRecipeOffersActivitiesAndShopItemsToTheDemoVolunteer()
    {
        using var county = await Host.AdminClientAsync();
        county.Timeout = TimeSpan.FromMinutes(5); // the whole demo recipe runs in the creation request (minutes on a loaded 2-core PostgreSQL run)
        var name = Names.Township();
        using (var response = await county.PostJsonAsync("api/tenants", new
        {
            name, displayName = "示范镇" + name, adminUserName = "admin-demo", adminPassword = "Demo-Pass-2026", recipe = "demo-rural",
        }))
            await response.ShouldBeAsync(HttpStatusCode.Created);
        using var anonymous = Host.NewClient(name);

        var titles = (await anonymous.GetJsonAsync("api/volunteers/activities")).EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList();
        Assert.Contains(titles, t => t.Contains("平安志愿者巡逻"));
        Assert.Contains(titles, t => t.Contains("普法"));
        Assert.Contains(titles, t => t.Contains("环境整治"));
        var items = (await anonymous.GetJsonAsync("api/exchange/items")).EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
        Assert.Contains(items, i => i.StartsWith("大米"));
        Assert.Contains(items, i => i.StartsWith("食用油"));
        Assert.Contains(items, i => i.StartsWith("洗衣液"));

        var token = await anonymous.TokenAsync("zhiyuan", "Zhizhi@2026");
        using var zhiyuan = Host.NewClient(name, token);
        var first = (await zhiyuan.GetJsonAsync("api/volunteers/activities"))[0].GetProperty("id").GetInt32();
        using var signup = await zhiyuan.PostJsonAsync($"api/volunteers/activities/{first}/signups", new { });
        await signup.ShouldBeAsync(HttpStatusCode.Created);

        // The demo volunteer leads 平安志愿者 and has last week's patrol on the certificate.
        var team = (await anonymous.GetJsonAsync("api/volunteers/teams")).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "平安志愿者");
        Assert.Equal("zhiyuan", team.GetProperty("leader").GetString());
        Assert.Equal(1, team.GetProperty("members").GetInt32());
        var certificate = await zhiyuan.GetJsonAsync("api/volunteers/me/certificate");
        Assert.Contains(certificate.GetProperty("activities").EnumerateArray(), a => a.GetProperty("title").GetString()!.Contains("上周"));
        Assert.Equal(10, (await zhiyuan.GetJsonAsync("api/points/balance")).GetProperty("balance").GetInt32());
    }
}

public sealed class VolunteerPointsTests_Sqlite(SqliteHost host) : VolunteerPointsTests(host);

public sealed class VolunteerPointsTests_Postgres(PostgresHost host) : VolunteerPointsTests(host);
