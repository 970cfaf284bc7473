using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.VolunteerPoints.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Ledger;

namespace Zhizhi.Orchard.Tests.VolunteerPoints;

/// <summary>
/// Teams and profiles, township points rules (per activity or hour, daily cap, grant approval, 公示, expiry),
/// check-in with the organiser's code, per-person limits, pictures, reports, recognition and awards by event.
/// </summary>
public abstract class VolunteerRulesTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object Activity(string title = "平安巡逻", int points = 10, int capacity = 50, double startInHours = 0.25, double hours = 2, string? type = null, int? teamId = null)
    {
        var start = DateTimeOffset.UtcNow.AddHours(startInHours).ToOffset(TimeSpan.FromHours(8));
        return new { title, start, end = start.AddHours(hours), location = "村文化礼堂", points, capacity, type, teamId };
    }

    private static async Task<int> CreateActivityAsync(HttpClient admin, object activity)
    {
        using var response = await admin.PostJsonAsync("api/volunteers/activities", activity);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetInt32();
    }

    private static async Task SetRulesAsync(HttpClient admin, string pointsMode = "activity", int? dailyCap = null, int? grantApprovalAbove = null, int noticeDays = 0, string expiry = "never")
    {
        using var response = await admin.PutAsJsonAsync("api/points/rules", new { pointsMode, dailyCap, grantApprovalAbove, noticeDays, expiry }, CT);
        await response.ShouldBeAsync(HttpStatusCode.OK);
    }

    private static async Task<int> AddItemAsync(HttpClient admin, string name, int pointsCost, int stock, int? perPersonLimit = null)
    {
        using var response = await admin.PostJsonAsync("api/exchange/items", new { name, pointsCost, stock, perPersonLimit });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetInt32();
    }

    private static async Task GrantAsync(HttpClient admin, string userName, int points)
    {
        using var response = await admin.PostJsonAsync("api/points/grants", new { userName, points, reason = "测试发放" });
        await response.ShouldBeAsync(HttpStatusCode.Created);
    }

    private static async Task<(int Balance, int Spendable)> BalanceAsync(HttpClient client)
    {
        var b = await client.GetJsonAsync("api/points/balance");
        return (b.GetProperty("balance").GetInt32(), b.GetProperty("spendable").GetInt32());
    }

    /// <summary>Reads the whole ledger page by page (keyset) and checks it sums to the balance.</summary>
    private static async Task<int> AssertBalanceEqualsLedgerAsync(HttpClient client)
    {
        var (balance, _) = await BalanceAsync(client);
        var sum = 0;
        string? before = null;
        do
        {
            using var response = await client.GetAsync($"api/points/ledger?take=50{(before is null ? "" : "&before=" + before)}", CT);
            await response.ShouldBeAsync(HttpStatusCode.OK);
            sum += (await response.JsonAsync()).EnumerateArray().Sum(e => e.GetProperty("delta").GetInt32());
            before = response.Headers.TryGetValues("X-Next-Before", out var values) ? values.Single() : null;
        } while (before is not null);
        Assert.Equal(balance, sum);
        Assert.True(balance >= 0);
        return balance;
    }

    private async Task<AsyncServiceScope> ScopeAsync(TestTownship township)
    {
        await Task.Yield();
        var found = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        return Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(found);
    }

    private static async Task<HttpResponseMessage[]> InParallelAsync(int count, Func<int, Task<HttpResponseMessage>> send)
        => await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => send(i), CT)));

    private static void Dispose(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task TeamsHaveLeadersAndVillagesAndVolunteersKeepAProfile()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        var leader = await township.CreateUserAsync("Volunteer");
        using var asVolunteer = township.As(volunteer.Token);

        var teams = await township.Anonymous().GetJsonAsync("api/volunteers/teams");
        Assert.Equal(["平安志愿者", "红袖章", "巡防队", "普法宣讲队"], teams.EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray());

        int villageId;
        using (var r = await admin.PostJsonAsync("api/portal/villages", new { name = "枫桥村", kind = "村", grids = 3, households = 200 }))
        {
            await r.ShouldBeAsync(HttpStatusCode.Created);
            villageId = (await r.JsonAsync()).GetProperty("id").GetInt32();
        }
        int teamId;
        using (var r = await admin.PostJsonAsync("api/volunteers/teams", new { name = "枫桥村红袖章", leader = leader.UserName, villageId }))
        {
            await r.ShouldBeAsync(HttpStatusCode.Created);
            var team = await r.JsonAsync();
            teamId = team.GetProperty("id").GetInt32();
            Assert.Equal(leader.UserName, team.GetProperty("leader").GetString());
            Assert.Equal("枫桥村", team.GetProperty("villageName").GetString());
        }
        using (var r = await admin.PostJsonAsync("api/volunteers/teams", new { name = "枫桥村红袖章" })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var r = await admin.PostJsonAsync("api/volunteers/teams", new { name = "无名队", leader = "nobody-here", villageId = 99999 }))
        {
            var problem = await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            Assert.NotNull(problem.FieldErrors("leader")[0]);
            Assert.NotNull(problem.FieldErrors("villageId")[0]);
        }
        using (var r = await asVolunteer.PostJsonAsync("api/volunteers/teams", new { name = "自封队" })) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        using (var r = await asVolunteer.GetAsync("api/volunteers/me", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await asVolunteer.PutAsJsonAsync("api/volunteers/me", new { displayName = "李红", teamId = 99999 }, CT))
            Assert.NotEmpty((await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("teamId"));
        using (var r = await asVolunteer.GetAsync("api/volunteers/me", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await asVolunteer.PutAsJsonAsync("api/volunteers/me", new { displayName = "李红", phone = "13800138000", teamId, villageId, skills = "急救" }, CT))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            var me = await r.JsonAsync();
            Assert.Equal("枫桥村红袖章", me.GetProperty("teamName").GetString());
            Assert.Equal("枫桥村", me.GetProperty("villageName").GetString());
        }
        var roster = await admin.GetJsonAsync($"api/volunteers?teamId={teamId}");
        Assert.Equal(volunteer.UserName, Assert.Single(roster.EnumerateArray()).GetProperty("userName").GetString());
        Assert.Equal(1, (await township.Anonymous().GetJsonAsync("api/volunteers/teams")).EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == teamId).GetProperty("members").GetInt32());
        using (var r = await asVolunteer.GetAsync("api/volunteers", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AVolunteerChecksInWithTheOrganisersCodeOnceEvenInParallel()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        var activityId = await CreateActivityAsync(admin, Activity("普法宣讲", points: 15, type: "legal"));
        var code = (await admin.GetJsonAsync($"api/volunteers/activities/{activityId}/code")).GetProperty("code").GetString()!;
        Assert.Matches("^[0-9]{6}$", code);
        using (var r = await client.GetAsync($"api/volunteers/activities/{activityId}/code", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var wrong = code == "000000" ? "111111" : "000000";
        using (var r = await client.PostJsonAsync($"api/volunteers/activities/{activityId}/checkin-code", new { code = wrong }))
            Assert.NotNull((await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("code")[0]);
        using (var r = await client.PostJsonAsync($"api/volunteers/activities/{activityId}/checkin-code", new { code = "12ab" }))
            await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await BalanceAsync(client)).Balance);

        var responses = await InParallelAsync(20, _ => client.PostJsonAsync($"api/volunteers/activities/{activityId}/checkin-code", new { code }));
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
        finally
        {
            Dispose(responses);
        }
        Assert.Equal(15, await AssertBalanceEqualsLedgerAsync(client));
        var listed = (await township.Anonymous().GetJsonAsync("api/volunteers/activities")).EnumerateArray().Single();
        Assert.Equal("普法宣传", listed.GetProperty("typeName").GetString());

        // A code for an activity next week does not work today.
        var later = await CreateActivityAsync(admin, Activity("下周巡逻", startInHours: 24 * 7));
        var laterCode = (await admin.GetJsonAsync($"api/volunteers/activities/{later}/code")).GetProperty("code").GetString()!;
        using (var r = await client.PostJsonAsync($"api/volunteers/activities/{later}/checkin-code", new { code = laterCode })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(15, (await BalanceAsync(client)).Balance);
    }

    [Fact]
    public async Task GuessingTheCodeIsLimitedToThirtyAttemptsAMinute()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        var activityId = await CreateActivityAsync(admin, Activity("夜巡"));
        var code = (await admin.GetJsonAsync($"api/volunteers/activities/{activityId}/code")).GetProperty("code").GetString()!;
        var guesses = Enumerable.Range(0, 40).Select(i => (i * 7919 % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Where(g => g != code).Take(35).ToList();

        var responses = await InParallelAsync(guesses.Count, i => client.PostJsonAsync($"api/volunteers/activities/{activityId}/checkin-code", new { code = guesses[i] }));
        try
        {
            Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
            Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
            await responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        }
        finally
        {
            Dispose(responses);
        }
        // Even the right code waits for the next minute; another volunteer is not affected.
        using (var r = await client.PostJsonAsync($"api/volunteers/activities/{activityId}/checkin-code", new { code })) await r.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(0, (await BalanceAsync(client)).Balance);
        var other = await township.CreateUserAsync("Volunteer");
        using var asOther = township.As(other.Token);
        using (var r = await asOther.PostJsonAsync($"api/volunteers/activities/{activityId}/checkin-code", new { code })) await r.ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheDailyCapHoldsUnderParallelCheckIns()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        await SetRulesAsync(admin, dailyCap: 25);
        var activities = new List<int>();
        for (var i = 0; i < 6; i++) activities.Add(await CreateActivityAsync(admin, Activity($"巡逻第{i + 1}班", points: 10)));

        var responses = await InParallelAsync(activities.Count, i => admin.PostJsonAsync($"api/volunteers/activities/{activities[i]}/checkins", new { userName = volunteer.UserName }));
        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        }
        finally
        {
            Dispose(responses);
        }
        Assert.Equal(25, await AssertBalanceEqualsLedgerAsync(client));
        var stats = await admin.GetJsonAsync("api/points/stats");
        Assert.Equal(25, stats.GetProperty("points").GetProperty("issued").GetInt32());
    }

    [Fact]
    public async Task ByTheHourCheckOutRecordsHoursAndAwardsOnce()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        await SetRulesAsync(admin, pointsMode: "hour");
        var activityId = await CreateActivityAsync(admin, Activity("河道清洁", points: 4, hours: 3, type: "cleanup"));

        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{activityId}/checkouts", new { userName = volunteer.UserName, hours = 2 }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{activityId}/checkins", new { userName = volunteer.UserName }))
        {
            await r.ShouldBeAsync(HttpStatusCode.Created);
            Assert.Equal(0, (await r.JsonAsync()).GetProperty("points").GetInt32());
        }
        Assert.Equal(0, (await BalanceAsync(client)).Balance);
        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{activityId}/checkouts", new { userName = volunteer.UserName, hours = 5 }))
            Assert.NotEmpty((await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("hours"));
        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{activityId}/checkouts", new { userName = volunteer.UserName, hours = -1 }))
            await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var responses = await InParallelAsync(10, _ => admin.PostJsonAsync($"api/volunteers/activities/{activityId}/checkouts", new { userName = volunteer.UserName, hours = 2.5 }));
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
        finally
        {
            Dispose(responses);
        }
        Assert.Equal(10, await AssertBalanceEqualsLedgerAsync(client));
        var stats = await admin.GetJsonAsync("api/points/stats");
        Assert.Equal(2.5, stats.GetProperty("volunteers").GetProperty("hours").GetDouble());

        // A volunteer may check out themself; the hours run from check-in to now (here: the activity has not begun, so none).
        var other = await township.CreateUserAsync("Volunteer");
        using var asOther = township.As(other.Token);
        using (var r = await asOther.PostJsonAsync($"api/volunteers/activities/{activityId}/checkout", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{activityId}/checkins", new { userName = other.UserName })) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await asOther.PostJsonAsync($"api/volunteers/activities/{activityId}/checkout", new { }))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            var result = await r.JsonAsync();
            Assert.Equal(0, result.GetProperty("hours").GetDouble());
            Assert.Equal(0, result.GetProperty("points").GetInt32());
        }
        using (var r = await asOther.PostJsonAsync($"api/volunteers/activities/{activityId}/checkout", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await AssertBalanceEqualsLedgerAsync(asOther));
    }

    [Fact]
    public async Task LargeGrantsWaitForASecondAdministrator()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var second = await township.CreateUserAsync("Administrator");
        var third = await township.CreateUserAsync("Administrator");
        using var asSecond = township.As(second.Token);
        using var asThird = township.As(third.Token);
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        await SetRulesAsync(admin, grantApprovalAbove: 100);

        await GrantAsync(admin, volunteer.UserName, 100);
        int grantId;
        using (var r = await admin.PostJsonAsync("api/points/grants", new { userName = volunteer.UserName, points = 500, reason = "抗洪抢险表现突出" }))
        {
            await r.ShouldBeAsync(HttpStatusCode.Accepted);
            var pending = await r.JsonAsync();
            Assert.Equal("pending", pending.GetProperty("status").GetString());
            grantId = pending.GetProperty("id").GetInt32();
        }
        Assert.Equal(100, (await BalanceAsync(client)).Balance);
        using (var r = await admin.PostJsonAsync($"api/points/grants/{grantId}/approve", new { }))
            Assert.NotNull((await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!);
        using (var r = await client.PostJsonAsync($"api/points/grants/{grantId}/approve", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await client.PostJsonAsync("api/points/grants", new { userName = volunteer.UserName, points = 5, reason = "自己给自己" })) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(100, (await BalanceAsync(client)).Balance);

        // Two other administrators approve at the same moment: the grant is credited once.
        var responses = await Task.WhenAll(
            Task.Run(() => asSecond.PostJsonAsync($"api/points/grants/{grantId}/approve", new { }), CT),
            Task.Run(() => asThird.PostJsonAsync($"api/points/grants/{grantId}/approve", new { }), CT));
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
        finally
        {
            Dispose(responses);
        }
        Assert.Equal(600, await AssertBalanceEqualsLedgerAsync(client));
        using (var r = await asSecond.PostJsonAsync($"api/points/grants/{grantId}/refuse", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        using (var r = await admin.PostJsonAsync("api/points/grants", new { userName = volunteer.UserName, points = 300, reason = "待驳回" }))
            grantId = (await r.JsonAsync()).GetProperty("id").GetInt32();
        using (var r = await asSecond.PostJsonAsync($"api/points/grants/{grantId}/refuse", new { })) await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var r = await asThird.PostJsonAsync($"api/points/grants/{grantId}/approve", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var r = await asThird.PostJsonAsync("api/points/grants/99999/approve", new { })) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(600, await AssertBalanceEqualsLedgerAsync(client));
        var statuses = (await admin.GetJsonAsync("api/points/grants")).EnumerateArray().Select(g => g.GetProperty("status").GetString()).ToList();
        Assert.Equal(["refused", "approved"], statuses);
    }

    [Fact]
    public async Task BadRulesAndZeroOrNegativePointsAreRefusedAndChangeNothing()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        using (var r = await admin.PutAsJsonAsync("api/points/rules", new { pointsMode = "minute", dailyCap = 0, grantApprovalAbove = -1, noticeDays = 400, expiry = "soon" }, CT))
        {
            var problem = await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            foreach (var field in new[] { "pointsMode", "dailyCap", "grantApprovalAbove", "noticeDays", "expiry" })
                Assert.NotNull(problem.FieldErrors(field)[0]);
        }
        var rules = await admin.GetJsonAsync("api/points/rules");
        Assert.Equal("activity", rules.GetProperty("pointsMode").GetString());
        Assert.Equal("never", rules.GetProperty("expiry").GetString());
        using (var r = await client.PutAsJsonAsync("api/points/rules", new { pointsMode = "hour", noticeDays = 0, expiry = "never" }, CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        foreach (var points in new[] { 0, -5 })
        {
            using var r = await admin.PostJsonAsync("api/points/grants", new { userName = volunteer.UserName, points, reason = "无效" });
            Assert.NotNull((await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("points")[0]);
        }
        using (var r = await admin.PostJsonAsync("api/volunteers/activities", Activity(points: 0))) await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var r = await admin.PostJsonAsync("api/volunteers/activities", Activity(type: "party"))) Assert.NotEmpty((await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("type"));
        using (var r = await admin.PostJsonAsync("api/exchange/items", new { name = "限购品", pointsCost = 5, stock = 5, perPersonLimit = 0 }))
            Assert.NotEmpty((await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("perPersonLimit"));
        Assert.Empty((await township.Anonymous().GetJsonAsync("api/volunteers/activities")).EnumerateArray());
        Assert.Empty((await township.Anonymous().GetJsonAsync("api/exchange/items")).EnumerateArray());
        Assert.Equal(0, (await BalanceAsync(client)).Balance);
    }

    [Fact]
    public async Task PointsUnderPublicNoticeCountButCannotBeSpentUntilReleased()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        await SetRulesAsync(admin, noticeDays: 7);
        await GrantAsync(admin, volunteer.UserName, 100);
        var itemId = await AddItemAsync(admin, "毛巾", pointsCost: 30, stock: 10);

        Assert.Equal((100, 0), await BalanceAsync(client));
        using (var r = await client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 1 })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal((100, 0), await BalanceAsync(client));

        // The notice period ends (moved into the past here rather than waiting a week).
        await using (var scope = await ScopeAsync(township))
        {
            var db = scope.ServiceProvider.GetRequiredService<PointsDbContext>();
            Assert.Equal(1, await db.Holds.Where(h => h.UserName == volunteer.UserName).ExecuteUpdateAsync(s => s.SetProperty(h => h.ReleaseAt, DateTime.UtcNow.AddMinutes(-1)), CT));
        }
        Assert.Equal((100, 100), await BalanceAsync(client));
        using (var r = await client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 3 })) await r.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal((10, 10), await BalanceAsync(client));
        Assert.Equal(10, await AssertBalanceEqualsLedgerAsync(client));
        await using (var scope = await ScopeAsync(township))
        {
            var db = scope.ServiceProvider.GetRequiredService<PointsDbContext>();
            Assert.Empty(await db.Holds.ToListAsync(CT));
            Assert.Equal(0, (await db.Accounts.SingleAsync(a => a.UserName == volunteer.UserName, CT)).Held);
        }
    }

    [Fact]
    public async Task UnspentPointsExpireAtTheEndOfTheFollowingYearOnce()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        var other = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        var thisYear = DateTime.UtcNow.Year;

        await using (var scope = await ScopeAsync(township))
        {
            var db = scope.ServiceProvider.GetRequiredService<PointsDbContext>();
            var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
            foreach (var user in new[] { volunteer.UserName, other.UserName }) await ledger.EnsureAccountAsync(user, CT);
            await ledger.CreditAsync(volunteer.UserName, 100, LedgerSources.Activity, "前年的活动", "1", "测试", new DateTime(thisYear - 2, 6, 1, 0, 0, 0, DateTimeKind.Utc), CT);
            await ledger.CreditAsync(other.UserName, 40, LedgerSources.Grant, "前年的发放", null, "测试", new DateTime(thisYear - 2, 3, 1, 0, 0, 0, DateTimeKind.Utc), CT);
            await db.SaveChangesAsync(CT);
            Assert.NotNull(await ledger.TryDebitAsync(volunteer.UserName, 30, LedgerSources.Redemption, "去年的兑换", "X", volunteer.UserName, new DateTime(thisYear - 1, 5, 1, 0, 0, 0, DateTimeKind.Utc), CT));
            await ledger.CreditAsync(volunteer.UserName, 50, LedgerSources.Activity, "今年的活动", "2", "测试", DateTime.UtcNow, CT);
            await db.SaveChangesAsync(CT);
        }
        Assert.Equal(120, await AssertBalanceEqualsLedgerAsync(client));
        // The rule is switched on only now, so the background sweep (which may run at any moment) sees the same data as this run.
        await SetRulesAsync(admin, expiry: "endOfNextYear");

        await using (var scope = await ScopeAsync(township))
        {
            var expire = scope.ServiceProvider.GetRequiredService<ExpirePoints>();
            await expire.RunAsync(DateTime.UtcNow, CT);
            Assert.Equal(0, await expire.RunAsync(DateTime.UtcNow, CT));
        }
        // Of the 100 earned two years ago, 30 were spent: 70 expire; the other person's 40 too.
        Assert.Equal(50, await AssertBalanceEqualsLedgerAsync(client));
        var newest = (await client.GetJsonAsync("api/points/ledger?take=1"))[0];
        Assert.Equal("expiry", newest.GetProperty("source").GetString());
        Assert.Equal(-70, newest.GetProperty("delta").GetInt32());
        Assert.Equal(110, (await admin.GetJsonAsync("api/points/stats")).GetProperty("points").GetProperty("expired").GetInt32());
    }

    [Fact]
    public async Task TheLedgerPagesByKeysetAndAlwaysSumsToTheBalance()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        for (var i = 1; i <= 23; i++) await GrantAsync(admin, volunteer.UserName, i);

        var seen = new List<long>();
        string? before = null;
        var pages = 0;
        do
        {
            using var response = await client.GetAsync($"api/points/ledger?take=10{(before is null ? "" : "&before=" + before)}", CT);
            await response.ShouldBeAsync(HttpStatusCode.OK);
            seen.AddRange((await response.JsonAsync()).EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            before = response.Headers.TryGetValues("X-Next-Before", out var values) ? values.Single() : null;
            pages++;
        } while (before is not null);
        Assert.Equal(3, pages);
        Assert.Equal(23, seen.Distinct().Count());
        Assert.Equal(seen.OrderByDescending(id => id), seen);
        Assert.Equal(23 * 24 / 2, await AssertBalanceEqualsLedgerAsync(client));
        // Without "take" the whole ledger comes back (the contract), however long it is.
        await using (var scope = await ScopeAsync(township))
        {
            var db = scope.ServiceProvider.GetRequiredService<PointsDbContext>();
            var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
            for (var i = 0; i < 130; i++) await ledger.CreditAsync(volunteer.UserName, 2, LedgerSources.Activity, "批量活动", null, "测试", DateTime.UtcNow, CT);
            await db.SaveChangesAsync(CT);
        }
        using (var all = await client.GetAsync("api/points/ledger", CT))
        {
            await all.ShouldBeAsync(HttpStatusCode.OK);
            Assert.False(all.Headers.Contains("X-Next-Before"));
            var entries = await all.JsonAsync();
            Assert.Equal(153, entries.GetArrayLength());
            Assert.Equal((await BalanceAsync(client)).Balance, entries.EnumerateArray().Sum(e => e.GetProperty("delta").GetInt32()));
        }
        Assert.Equal(23 * 24 / 2 + 260, await AssertBalanceEqualsLedgerAsync(client));
        using (var r = await client.GetAsync("api/points/ledger?take=0", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var r = await client.GetAsync("api/points/ledger?take=501", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ThePerPersonLimitHoldsUnderParallelRedemptionsAndCancellingGivesItBack()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        await GrantAsync(admin, volunteer.UserName, 1000);
        var itemId = await AddItemAsync(admin, "限兑大米", pointsCost: 10, stock: 100, perPersonLimit: 2);

        var responses = await InParallelAsync(20, _ => client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 1 }));
        string code;
        try
        {
            Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(18, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            code = (await responses.First(r => r.StatusCode == HttpStatusCode.Created).JsonAsync()).GetProperty("code").GetString()!;
        }
        finally
        {
            Dispose(responses);
        }
        Assert.Equal(980, await AssertBalanceEqualsLedgerAsync(client));
        using (var r = await client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 1 }))
            Assert.NotNull((await r.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!);
        using (var r = await client.PostJsonAsync($"api/exchange/redemptions/{code}/cancel", new { })) await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var r = await client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 2 })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var r = await client.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 1 })) await r.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(980, await AssertBalanceEqualsLedgerAsync(client));
        var stock = (await admin.GetJsonAsync("api/exchange/reports/stock")).EnumerateArray().Single();
        Assert.Equal(98, stock.GetProperty("stock").GetInt32());
        Assert.Equal(2, stock.GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task FiveHundredParallelRedemptionsAgainstAStockOfOneHundredGiveExactlyOneHundred()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteers = new List<TestUser>();
        for (var i = 0; i < 5; i++) volunteers.Add(await township.CreateUserAsync("Volunteer"));
        foreach (var v in volunteers) await GrantAsync(admin, v.UserName, 1000);
        var itemId = await AddItemAsync(admin, "洗衣粉", pointsCost: 5, stock: 100);
        var clients = volunteers.Select(v => township.As(v.Token)).ToList();
        try
        {
            var responses = await InParallelAsync(500, i => clients[i % clients.Count].PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 1 }));
            try
            {
                Assert.Equal(100, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
                Assert.Equal(400, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            }
            finally
            {
                Dispose(responses);
            }
            var spent = 0;
            foreach (var c in clients) spent += 1000 - await AssertBalanceEqualsLedgerAsync(c);
            Assert.Equal(500, spent);
            var line = (await admin.GetJsonAsync("api/exchange/reports/redemptions")).EnumerateArray().Single();
            Assert.Equal(100, line.GetProperty("units").GetInt32());
            Assert.Equal(500, line.GetProperty("points").GetInt64());
            Assert.Equal(0, (await admin.GetJsonAsync("api/exchange/items"))[0].GetProperty("stock").GetInt32());
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    [Fact]
    public async Task ItemPicturesArePicturesOfBoundedSizeInTheTownshipMediaFolder()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var itemId = await AddItemAsync(admin, "保温杯", pointsCost: 20, stock: 3);

        static MultipartFormDataContent Form(byte[] bytes, string name, string type)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            return new MultipartFormDataContent { { content, "file", name } };
        }
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[64]];

        using (var r = await admin.PostAsync($"api/exchange/items/{itemId}/picture", Form("<svg onload=alert(1)>"u8.ToArray(), "x.png", "image/png"), CT))
            Assert.NotNull((await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("file")[0]);
        using (var r = await admin.PostAsync($"api/exchange/items/{itemId}/picture", Form([0xFF, 0xD8, 0xFF, .. new byte[600 * 1024]], "big.jpg", "image/jpeg"), CT))
            await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var r = await admin.PostAsync("api/exchange/items/99999/picture", Form(png, "p.png", "image/png"), CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await admin.GetJsonAsync("api/exchange/items"))[0].GetProperty("pictureUrl").ValueKind);

        var volunteer = await township.CreateUserAsync("Volunteer");
        using (var asVolunteer = township.As(volunteer.Token))
        using (var r = await asVolunteer.PostAsync($"api/exchange/items/{itemId}/picture", Form(png, "p.png", "image/png"), CT))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        string url;
        using (var r = await admin.PostAsync($"api/exchange/items/{itemId}/picture", Form(png, "杯子.png", "image/png"), CT))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            url = (await r.JsonAsync()).GetProperty("pictureUrl").GetString()!;
        }
        Assert.Matches("^media/item-[0-9a-f]{32}\\.png$", url);
        using var picture = await township.Anonymous().GetAsync(url, CT);
        await picture.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("image/png", picture.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await picture.Content.ReadAsByteArrayAsync(CT));
    }

    [Fact]
    public async Task TheHonourRollRanksVolunteersPerTeamAndVillageAndTheCertificateListsTheirService()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        int villageId;
        using (var r = await admin.PostJsonAsync("api/portal/villages", new { name = "新桥村", kind = "村", grids = 2, households = 100 }))
            villageId = (await r.JsonAsync()).GetProperty("id").GetInt32();
        var teamId = (await township.Anonymous().GetJsonAsync("api/volunteers/teams")).EnumerateArray().First(t => t.GetProperty("name").GetString() == "巡防队").GetProperty("id").GetInt32();
        var a = await township.CreateUserAsync("Volunteer");
        var b = await township.CreateUserAsync("Volunteer");
        foreach (var (user, name) in new[] { (a, "张勇"), (b, "王芳") })
            using (var r = await admin.PutAsJsonAsync($"api/volunteers/{user.UserName}", new { displayName = name, teamId, villageId }, CT)) await r.ShouldBeAsync(HttpStatusCode.OK);

        var longer = await CreateActivityAsync(admin, Activity("夜间巡防", points: 20, hours: 3, type: "patrol", teamId: teamId));
        var shorter = await CreateActivityAsync(admin, Activity("白天巡防", points: 10, hours: 1, type: "patrol", teamId: teamId));
        foreach (var id in new[] { longer, shorter })
            using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{id}/checkins", new { userName = b.UserName })) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{shorter}/checkins", new { userName = a.UserName })) await r.ShouldBeAsync(HttpStatusCode.Created);

        var roll = await township.Anonymous().GetJsonAsync("api/volunteers/honour-roll");
        var team = Assert.Single(roll.GetProperty("teams").EnumerateArray());
        Assert.Equal("巡防队", team.GetProperty("name").GetString());
        Assert.Equal(["王芳", "张勇"], team.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("displayName").GetString()!).ToArray());
        Assert.Equal(4, team.GetProperty("entries")[0].GetProperty("hours").GetDouble());
        var village = Assert.Single(roll.GetProperty("villages").EnumerateArray());
        Assert.Equal("新桥村", village.GetProperty("name").GetString());
        var lastYear = await township.Anonymous().GetJsonAsync($"api/volunteers/honour-roll?month={DateTime.UtcNow.Year - 1}-01");
        Assert.Empty(lastYear.GetProperty("teams").EnumerateArray());
        using (var r = await township.Anonymous().GetAsync("api/volunteers/honour-roll?month=2026-13", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        using var asB = township.As(b.Token);
        var certificate = await asB.GetJsonAsync("api/volunteers/me/certificate");
        Assert.Equal("王芳", certificate.GetProperty("displayName").GetString());
        Assert.Equal(4, certificate.GetProperty("hours").GetDouble());
        Assert.Equal(30, certificate.GetProperty("points").GetInt32());
        Assert.Equal(["夜间巡防", "白天巡防"], certificate.GetProperty("activities").EnumerateArray().Select(x => x.GetProperty("title").GetString()!).ToArray());
        using (var r = await admin.GetAsync("api/volunteers/nobody-here/certificate", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await asB.GetAsync($"api/volunteers/{a.UserName}/certificate", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OtherModulesAwardPointsByEventOncePerIdempotencyKey()
    {
        var township = await Host.CreateTownshipAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        var award = new PointsAwardRequested("mediation-case-7-helper", volunteer.UserName, 12, "协助调解邻里纠纷", "Mediation");

        // Through the outbox, published twice (e.g. a retried transaction on the other side).
        await using (var scope = await ScopeAsync(township))
        {
            var db = scope.ServiceProvider.GetRequiredService<PointsDbContext>();
            db.Publish(award, DateTime.UtcNow);
            db.Publish(award, DateTime.UtcNow);
            await db.SaveChangesAsync(CT);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await BalanceAsync(client)).Balance == 0 && DateTime.UtcNow < deadline) await Task.Delay(200, CT);
        Assert.Equal(12, (await BalanceAsync(client)).Balance);

        // Handed to the handler in parallel, as a redelivery would: still once.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var scope = await ScopeAsync(township);
            var handler = scope.ServiceProvider.GetRequiredService<AwardRequestedHandler>();
            var found = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
            await handler.HandleAsync(award with { }, new EventContext(Guid.NewGuid(), found, DateTime.UtcNow, 1), CT);
        }, CT)));
        await using (var scope = await ScopeAsync(township))
        {
            var handler = scope.ServiceProvider.GetRequiredService<AwardRequestedHandler>();
            var found = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
            await handler.HandleAsync(award with { IdempotencyKey = "mediation-case-8-helper", Points = 0 }, new EventContext(Guid.NewGuid(), found, DateTime.UtcNow, 1), CT);
            await handler.HandleAsync(award with { IdempotencyKey = "mediation-case-9-helper", UserName = "nobody-here" }, new EventContext(Guid.NewGuid(), found, DateTime.UtcNow, 1), CT);
        }
        Assert.Equal(12, await AssertBalanceEqualsLedgerAsync(client));
        var entry = Assert.Single((await client.GetJsonAsync("api/points/ledger")).EnumerateArray());
        Assert.Equal("award", entry.GetProperty("source").GetString());
        Assert.Equal("协助调解邻里纠纷", entry.GetProperty("reason").GetString());
    }

    private static async Task<string> PageAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url, CT);
        await response.ShouldBeAsync(expected);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(CT);
    }

    [Fact]
    public async Task TheCodeFormChecksInAndTellsAWrongCodeBesideTheField()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        var id = await CreateActivityAsync(admin, Activity("网格巡查", points: 12));
        var code = (await admin.GetJsonAsync($"api/volunteers/activities/{id}/code")).GetProperty("code").GetString()!;
        Assert.Contains(code, await PageAsync(admin, "admin/volunteers"));
        using (var r = await client.PostJsonAsync($"api/volunteers/activities/{id}/signups", new { })) await r.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Contains("现场签到码", await PageAsync(client, "volunteers"));

        using (var r = await client.PostFormAsync("volunteers", $"?handler=CheckIn&id={id}", new() { ["code"] = code == "000000" ? "111111" : "000000" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains($"id=\"code-error-{id}\" class=\"text-danger small col-12\">签到码不对", await r.Content.ReadAsStringAsync(CT));
        }
        Assert.Equal(0, (await BalanceAsync(client)).Balance);
        using (var r = await client.PostFormAsync("volunteers", $"?handler=CheckIn&id={id}", new() { ["code"] = code })) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var r = await client.PostJsonAsync($"api/volunteers/activities/{id}/checkin-code", new { code })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(12, await AssertBalanceEqualsLedgerAsync(client));
        Assert.Contains("已签到", await PageAsync(client, "volunteers"));
    }

    [Fact]
    public async Task TheAdminPageSetsRulesLetsASecondAdministratorApproveAndAddsTeams()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var second = await township.CreateUserAsync("Administrator");
        using var asSecond = township.As(second.Token);
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        Dictionary<string, string> Rules(string noticeDays) => new()
        {
            ["Rules.PointsMode"] = "activity", ["Rules.DailyCap"] = "", ["Rules.GrantApprovalAbove"] = "50", ["Rules.NoticeDays"] = noticeDays, ["Rules.Expiry"] = "never",
        };

        using (var r = await admin.PostFormAsync("admin/volunteers/points", "?handler=Rules", Rules("400")))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("公示天数须为 0-90 之间的整数", await r.Content.ReadAsStringAsync(CT));
        }
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await admin.GetJsonAsync("api/points/rules")).GetProperty("grantApprovalAbove").ValueKind);
        using (var r = await admin.PostFormAsync("admin/volunteers/points", "?handler=Rules", Rules("0"))) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(50, (await admin.GetJsonAsync("api/points/rules")).GetProperty("grantApprovalAbove").GetInt32());

        using (var r = await admin.PostFormAsync("admin/volunteers/points", "?handler=Grant", new() { ["Grant.UserName"] = volunteer.UserName, ["Grant.Points"] = "0", ["Grant.Reason"] = "" }))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync(CT);
            Assert.Contains("积分须为 1-", html);
            Assert.Contains("发放原因", html);
        }
        using (var r = await admin.PostFormAsync("admin/volunteers/points", "?handler=Grant", new() { ["Grant.UserName"] = volunteer.UserName, ["Grant.Points"] = "80", ["Grant.Reason"] = "见义勇为" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(0, (await BalanceAsync(client)).Balance);
        Assert.Contains("待他人审批", await PageAsync(admin, "admin/volunteers/points"));
        var grantId = (await admin.GetJsonAsync("api/points/grants?status=pending"))[0].GetProperty("id").GetInt32();
        using (var r = await admin.PostFormAsync("admin/volunteers/points", $"?handler=Decide&id={grantId}", new() { ["approve"] = "true" })) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(0, (await BalanceAsync(client)).Balance);
        using (var r = await asSecond.PostFormAsync("admin/volunteers/points", $"?handler=Decide&id={grantId}", new() { ["approve"] = "true" })) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(80, await AssertBalanceEqualsLedgerAsync(client));

        using (var r = await admin.PostFormAsync("admin/volunteers/points", "?handler=Team", new() { ["Team.Name"] = "红袖章", ["Team.Leader"] = "", ["Team.VillageId"] = "" }))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("已有同名服务队", await r.Content.ReadAsStringAsync(CT));
        }
        using (var r = await admin.PostFormAsync("admin/volunteers/points", "?handler=Team", new() { ["Team.Name"] = "老娘舅调解队", ["Team.Leader"] = volunteer.UserName, ["Team.VillageId"] = "" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains((await township.Anonymous().GetJsonAsync("api/volunteers/teams")).EnumerateArray(), t => t.GetProperty("name").GetString() == "老娘舅调解队");
        using (var r = await client.GetAsync("admin/volunteers/points", CT)) Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task TheHonourRollCertificateAndLedgerPagesRender()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var client = township.As(volunteer.Token);
        var teamId = (await township.Anonymous().GetJsonAsync("api/volunteers/teams"))[0].GetProperty("id").GetInt32();
        using (var r = await client.PutAsJsonAsync("api/volunteers/me", new { displayName = "赵志愿", teamId }, CT)) await r.ShouldBeAsync(HttpStatusCode.OK);
        var id = await CreateActivityAsync(admin, Activity("护学岗值守", points: 5, hours: 1.5));
        using (var r = await admin.PostJsonAsync($"api/volunteers/activities/{id}/checkins", new { userName = volunteer.UserName })) await r.ShouldBeAsync(HttpStatusCode.Created);
        for (var i = 0; i < 55; i++) await GrantAsync(admin, volunteer.UserName, 1);

        var roll = await PageAsync(township.Anonymous(), "volunteers/honour-roll");
        Assert.Contains("平安志愿者", roll);
        Assert.Contains("赵志愿", roll);
        Assert.Contains("月份格式为", await PageAsync(township.Anonymous(), "volunteers/honour-roll?month=abc", HttpStatusCode.BadRequest));

        var certificate = await PageAsync(client, "volunteers/certificate");
        Assert.Contains("志愿服务证明", certificate);
        Assert.Contains("护学岗值守", certificate);
        Assert.Contains("服务时长 <strong>1.5</strong> 小时", certificate);
        Assert.Contains("@media print", certificate);
        using (var r = await township.Anonymous().GetAsync("volunteers/certificate", CT)) Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);

        var first = await PageAsync(client, "points");
        Assert.Contains("当前积分:<strong>60</strong>", first);
        var next = System.Text.RegularExpressions.Regex.Match(first, "points\\?before=([0-9]+)").Groups[1].Value;
        Assert.NotEmpty(next);
        var older = await PageAsync(client, "points?before=" + next);
        Assert.Contains("最新记录", older);
        Assert.Contains("护学岗值守", older);
        Assert.DoesNotContain("更早的记录", older);
    }
}

public sealed class VolunteerRulesTests_Sqlite(SqliteHost host) : VolunteerRulesTests(host);

public sealed class VolunteerRulesTests_Postgres(PostgresHost host) : VolunteerRulesTests(host);
