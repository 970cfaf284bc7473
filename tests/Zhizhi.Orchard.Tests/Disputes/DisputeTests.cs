using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Zhizhi.Orchard.DisputeRouting.Routing;
using Zhizhi.Orchard.Tests.Infrastructure;
using static Zhizhi.Orchard.Tests.Disputes.DisputeHelpers;

namespace Zhizhi.Orchard.Tests.Disputes;

/// <summary>Contract "Disputes": intake, numbering, visibility, the action state machine and the hash-chained timeline.</summary>
public abstract class DisputeTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    [Fact]
    public async Task AWalkInCaseGetsTheTownshipsNumberAndStartsAtVillageLevel()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using (var put = await admin.PutAsJsonAsync("api/disputes/settings", new { caseNoPrefix = "HJ", workflowId = "dispute-three-level" }, CT))
            await put.ShouldBeAsync(HttpStatusCode.OK);

        var created = await ReportAsync(admin);

        Assert.Matches(new Regex($"^HJ-{DateTime.UtcNow.AddHours(8).Year}-000001$"), created.GetProperty("caseNo").GetString()!);
        Assert.Equal("reported", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetInt32();
        var routed = await WaitForAsync(admin, id, c => c.Level() == "village");
        Assert.NotEqual(JsonValueKind.Null, routed.GetProperty("deadline").ValueKind);
        Assert.False(routed.GetProperty("overdue").GetBoolean());
        Assert.Equal("green", routed.GetProperty("mark").GetString());
        Assert.Equal(["reported", "routed"], routed.Timeline().Select(e => e.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal("13812345678", routed.GetProperty("parties")[0].GetProperty("phone").GetString());
    }

    [Fact]
    public async Task ParallelReportsGetDistinctConsecutiveNumbers()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => ReportAsync(admin)));

        var numbers = results.Select(r => r.GetProperty("caseNo").GetString()!).ToList();
        Assert.Equal(12, numbers.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12), numbers.Select(n => int.Parse(n[^6..])).Order());
    }

    [Fact]
    public async Task UnknownCategoryVillageOrSourceIsRefusedInChineseAndNothingIsFiled()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using (var r = await admin.PostJsonAsync("api/disputes", Report(category: "外星纠纷")))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("category");
        using (var r = await admin.PostJsonAsync("api/disputes", Report(village: "不存在村")))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("village");
        using (var r = await admin.PostJsonAsync("api/disputes", Report(source: "fax")))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("source");
        using (var r = await admin.PostJsonAsync("api/disputes", Report(title: new string('长', 101))))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("title");
        using (var r = await admin.PostJsonAsync("api/disputes", Report(parties: [new { name = "", phone = "abc" }])))
        {
            var problem = await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.FieldErrors("parties[0].name");
            problem.FieldErrors("parties[0].phone");
        }

        var list = await admin.GetJsonAsync("api/disputes");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TheReporterSeesAPublicTimelineWithoutPhonesAndOthersSeeNothing()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        var neighbour = await township.RegisterResidentAsync();
        var mediator = await township.CreateUserAsync("Mediator");
        using var mine = township.As(resident.Token);
        using var staff = township.As(mediator.Token);

        var created = await ReportAsync(mine, Report(source: "resident"));
        var id = created.GetProperty("id").GetInt32();
        await ActAsync(staff, id, new { action = "note", note = "内部:当事人有前科,注意方式" });

        var seen = await mine.GetJsonAsync($"api/disputes/{id}");
        Assert.DoesNotContain(seen.Timeline(), e => e.GetProperty("kind").GetString() == "note");
        Assert.DoesNotContain("前科", seen.ToString());
        Assert.All(seen.GetProperty("parties").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("phone").ValueKind));
        Assert.Contains(seen.Timeline(), e => e.GetProperty("kind").GetString() == "reported");
        var staffView = await staff.GetJsonAsync($"api/disputes/{id}");
        Assert.Contains(staffView.Timeline(), e => e.GetProperty("kind").GetString() == "note");
        Assert.Single(await mine.GetJsonAsync("api/disputes/mine") is var list ? list.EnumerateArray() : default);

        using var other = township.As(neighbour.Token);
        using (var r = await other.GetAsync($"api/disputes/{id}", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await mine.GetAsync("api/disputes", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await mine.PostJsonAsync($"api/disputes/{id}/actions", new { action = "accept" })) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await mine.PostJsonAsync("api/disputes", Report(source: "hotline"))) await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var elsewhere = await Host.CreateTownshipAsync();
        using var foreignAdmin = await elsewhere.AsAdminAsync();
        using (var r = await foreignAdmin.GetAsync($"api/disputes/{id}", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ActionsFollowTheStateMachineAndTheResidentRatesOnce()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var admin = await township.AsAdminAsync();
        using var mine = township.As(resident.Token);
        var id = (await ReportAsync(mine, Report(source: "resident"))).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");

        await ActAsync(admin, id, new { action = "resolve" }, HttpStatusCode.Conflict);
        await ActAsync(admin, id, new { action = "close" }, HttpStatusCode.Conflict);
        (await ActAsync(admin, id, new { action = "fly" }, HttpStatusCode.BadRequest)).FieldErrors("action");
        var accepted = await ActAsync(admin, id, new { action = "accept", note = "村调委会受理" });
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        await ActAsync(admin, id, new { action = "accept" }, HttpStatusCode.Conflict);
        var resolved = await ActAsync(admin, id, new { action = "resolve", terms = "李四三日内拆除雨棚,张三不再追究", judicialConfirmation = true });
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.True(resolved.GetProperty("judicialConfirmation").GetBoolean());
        using (var r = await mine.PostJsonAsync($"api/disputes/{id}/rating", new { satisfaction = 6 })) (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("satisfaction");
        var closed = await ActAsync(admin, id, new { action = "close" });
        Assert.Equal("closed", closed.GetProperty("status").GetString());

        using (var r = await mine.PostJsonAsync($"api/disputes/{id}/rating", new { satisfaction = 5 })) await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var r = await mine.PostJsonAsync($"api/disputes/{id}/rating", new { satisfaction = 1 })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await ActAsync(admin, id, new { action = "revisit", satisfaction = 3 }, HttpStatusCode.Conflict);
        var final = await mine.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal(5, final.GetProperty("satisfaction").GetInt32());
        Assert.Equal(["reported", "routed", "accept", "resolve", "close", "rating"], final.Timeline().Select(e => e.GetProperty("kind").GetString()!).ToArray());
    }

    [Fact]
    public async Task EditingATimelineRowInTheDatabaseBreaksVerification()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");
        await ActAsync(admin, id, new { action = "accept", note = "受理" });
        await ActAsync(admin, id, new { action = "note", note = "双方同意周五到村委会面谈" });

        var before = await admin.GetJsonAsync($"api/disputes/{id}/verify");
        Assert.True(before.GetProperty("valid").GetBoolean(), before.ToString());
        Assert.Equal(4, before.GetProperty("entries").GetInt32());

        await TamperAsync(Host, township.Name, id, 3, "未受理");

        var after = await admin.GetJsonAsync($"api/disputes/{id}/verify");
        Assert.False(after.GetProperty("valid").GetBoolean());
        Assert.Equal(3, after.GetProperty("brokenAt").GetInt32());
        Assert.Matches("被改动|删改", after.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task TwoStaffActingAtOnceOnlyOneAcceptWins()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PostJsonAsync($"api/disputes/{id}/actions", new { action = "accept" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var c = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Single(c.Timeline(), e => e.GetProperty("kind").GetString() == "accept");
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task CategoriesCanBeAddedRenamedAndRetired()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var categories = await admin.GetJsonAsync("api/disputes/categories");
        Assert.Equal(13, categories.GetArrayLength());

        using (var r = await admin.PostJsonAsync("api/disputes/categories", new { name = "环境污染" })) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await admin.PostJsonAsync("api/disputes/categories", new { name = "环境污染" })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var neighbours = categories.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "邻里纠纷").GetProperty("id").GetInt32();
        var filed = await ReportAsync(admin, Report(category: "邻里纠纷"));
        using (var r = await admin.PutAsJsonAsync($"api/disputes/categories/{neighbours}", new { name = "邻里矛盾" }, CT)) await r.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("邻里矛盾", (await admin.GetJsonAsync($"api/disputes/{filed.GetProperty("id").GetInt32()}")).GetProperty("category").GetString());
        using (var r = await admin.PostJsonAsync($"api/disputes/categories/{neighbours}/retire", null)) await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var r = await admin.PostJsonAsync("api/disputes", Report(category: "邻里矛盾"))) await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await ReportAsync(admin, Report(category: "环境污染"));
    }

    [Fact]
    public async Task StaffClassifyACaseRedWithALeaderAndTheChainStillVerifies()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var admin = await township.AsAdminAsync();
        using var mine = township.As(resident.Token);
        var id = (await ReportAsync(mine, Report(source: "resident"))).GetProperty("id").GetInt32();
        var other = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");

        var fresh = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal("blue", fresh.GetProperty("grade").GetString());
        Assert.Equal("蓝", fresh.GetProperty("gradeName").GetString());
        var entries = fresh.Timeline().Count();

        (await ActAsync(admin, id, new { action = "classify", grade = "red" }, HttpStatusCode.BadRequest)).FieldErrors("leader");
        (await ActAsync(admin, id, new { action = "classify", grade = "purple", leader = "张书记" }, HttpStatusCode.BadRequest)).FieldErrors("grade");
        var unchanged = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal(entries, unchanged.Timeline().Count());
        Assert.Equal("blue", unchanged.GetProperty("grade").GetString());
        using (var r = await mine.PostJsonAsync($"api/disputes/{id}/actions", new { action = "classify", grade = "red", leader = "张书记" }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var classified = await ActAsync(admin, id, new { action = "classify", grade = "red", leader = "张书记", note = "涉及群体" });
        Assert.Equal("red", classified.GetProperty("grade").GetString());
        Assert.Equal("红", classified.GetProperty("gradeName").GetString());
        Assert.Equal("张书记", classified.GetProperty("leader").GetString());
        var shown = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal("张书记", shown.GetProperty("leader").GetString());
        Assert.Contains(shown.Timeline(), e => e.GetProperty("kind").GetString() == "classify" && e.GetProperty("note").GetString()!.Contains("张书记"));
        Assert.Equal(entries + 1, shown.Timeline().Count());
        var seen = await mine.GetJsonAsync($"api/disputes/{id}");
        Assert.DoesNotContain(seen.Timeline(), e => e.GetProperty("kind").GetString() == "classify");

        var reds = await admin.GetJsonAsync("api/disputes?grade=red");
        Assert.Equal(1, reds.GetProperty("total").GetInt32());
        Assert.Equal(id, reds.GetProperty("items")[0].GetProperty("id").GetInt32());
        Assert.DoesNotContain(reds.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt32() == other);
        Assert.Equal(1, (await admin.GetJsonAsync("api/disputes?grade=blue")).GetProperty("total").GetInt32());
        var verify = await admin.GetJsonAsync($"api/disputes/{id}/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());

        await ActAsync(admin, id, new { action = "accept" });
        await ActAsync(admin, id, new { action = "resolve" });
        await ActAsync(admin, id, new { action = "close" });
        await ActAsync(admin, id, new { action = "classify", grade = "yellow" }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheListFiltersAndPages()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        for (var i = 0; i < 3; i++) await ReportAsync(admin, Report(category: "婚姻家庭"));
        var labour = await ReportAsync(admin, Report(category: "劳资/欠薪"));
        await WaitForAsync(admin, labour.GetProperty("id").GetInt32(), c => c.Level() == "village");
        await ActAsync(admin, labour.GetProperty("id").GetInt32(), new { action = "accept" });

        Assert.Equal(3, (await admin.GetJsonAsync("api/disputes?category=婚姻家庭")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await admin.GetJsonAsync("api/disputes?status=accepted")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await admin.GetJsonAsync("api/disputes?overdue=true")).GetProperty("total").GetInt32());
        var page = await admin.GetJsonAsync("api/disputes?pageSize=2&page=2");
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Contains("*", page.GetProperty("items")[0].GetProperty("parties")[0].GetProperty("phone").GetString());
    }

    [Fact]
    public async Task EnablingTheFeatureInstallsTheThreeRoutingRecipes()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var ids = (await admin.GetJsonAsync("api/workflows")).EnumerateArray().Select(w => w.GetProperty("id").GetString()).ToList();
        Assert.Contains("dispute-three-level", ids);
        Assert.Contains("dispute-four-matters", ids);
        Assert.Contains("dispute-urban", ids);
    }

    /// <summary>The default recipe with its deadlines cut to seconds, imported as the township's routing workflow.</summary>
    private static async Task UseFastWorkflowAsync(HttpClient admin, string duration)
    {
        var definition = DisputeSetup.Definition("dispute-three-level");
        definition["id"] = "fast-three-level";
        var text = definition.ToJsonString().Replace("\"P7D\"", $"\"{duration}\"").Replace("\"P15D\"", $"\"{duration}\"");
        using (var r = await admin.PostRawAsync("api/workflows", text)) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await admin.PutAsJsonAsync("api/disputes/settings", new { caseNoPrefix = "JF", workflowId = "fast-three-level" }, CT))
            await r.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PassedDeadlinesEscalateVillageToTownshipToCountyOnTheTimeline()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await UseFastWorkflowAsync(admin, "PT2S");
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();

        var atCounty = await WaitForAsync(admin, id, c => c.Level() == "county", seconds: 60);

        Assert.Equal("escalated", atCounty.GetProperty("status").GetString());
        var escalations = atCounty.Timeline().Where(e => e.GetProperty("kind").GetString() == "escalated").ToList();
        Assert.Equal(["township", "county"], escalations.Select(e => e.GetProperty("level").GetString()!).ToArray());
        Assert.All(escalations, e => Assert.Contains("期限届满", e.GetProperty("note").GetString()));
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task AFailedMediationEscalatesAndAResolutionStopsTheClock()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");
        await ActAsync(admin, id, new { action = "accept" });
        await ActAsync(admin, id, new { action = "fail", note = "双方分歧较大" });

        var atTownship = await WaitForAsync(admin, id, c => c.Level() == "township");
        Assert.Equal("escalated", atTownship.GetProperty("status").GetString());
        await ActAsync(admin, id, new { action = "accept" });
        var resolved = await ActAsync(admin, id, new { action = "resolve" });
        Assert.Equal("township", resolved.GetProperty("resolvedLevel").GetString());
        Assert.Equal("none", resolved.GetProperty("mark").GetString());
    }

    [Fact]
    public async Task PausingStopsTheOverdueFlagUntilResumed()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");
        (await ActAsync(admin, id, new { action = "pause" }, HttpStatusCode.BadRequest)).FieldErrors("reason");
        var paused = await ActAsync(admin, id, new { action = "pause", reason = "等待伤情鉴定结果" });
        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.Equal("paused", paused.GetProperty("mark").GetString());
        await ActAsync(admin, id, new { action = "pause", reason = "再次" }, HttpStatusCode.Conflict);
        var resumed = await ActAsync(admin, id, new { action = "resume" });
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        Assert.True(resumed.GetProperty("deadline").GetDateTimeOffset() >= paused.GetProperty("deadline").GetDateTimeOffset());
    }

    [Fact]
    public async Task APausedCaseDoesNotEscalateOnItsDeadlineAndEscalatesAfterTheRemainingTimeOnceResumed()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await UseFastWorkflowAsync(admin, "PT6S");
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");
        await ActAsync(admin, id, new { action = "pause", reason = "等待伤情鉴定结果" });

        // Well past the 6 s village deadline (the sweeper ticks every second): still at the village, not escalated.
        await Task.Delay(TimeSpan.FromSeconds(9), CT);
        var paused = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal("village", paused.Level());
        Assert.DoesNotContain(paused.Timeline(), e => e.GetProperty("kind").GetString() == "escalated");

        var resumedAt = DateTimeOffset.UtcNow;
        await ActAsync(admin, id, new { action = "resume" });
        var atTownship = await WaitForAsync(admin, id, c => c.Level() == "township", seconds: 60);
        Assert.Equal("escalated", atTownship.GetProperty("status").GetString());
        Assert.Contains(atTownship.Timeline(), e => e.GetProperty("kind").GetString() == "escalated" && e.GetProperty("level").GetString() == "township");
        Assert.True(DateTimeOffset.UtcNow - resumedAt < TimeSpan.FromSeconds(50));
    }

    [Fact]
    public async Task TheStatsCountCasesAndTheCountySumsThem()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var a = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        await ReportAsync(admin);
        await WaitForAsync(admin, a, c => c.Level() == "village");
        await ActAsync(admin, a, new { action = "accept" });
        await ActAsync(admin, a, new { action = "resolve" });

        var disputes = (await admin.GetJsonAsync("api/stats")).GetProperty("disputes");
        Assert.Equal(2, disputes.GetProperty("total").GetInt32());
        Assert.Equal(1, disputes.GetProperty("resolved").GetInt32());
        Assert.Equal(0.5, disputes.GetProperty("resolutionRate").GetDouble());
        Assert.Equal(1.0, disputes.GetProperty("resolvedInVillageRate").GetDouble());
        Assert.Equal(0, disputes.GetProperty("overdue").GetInt32());

        using var county = await Host.AdminClientAsync();
        var all = await county.GetJsonAsync("api/stats");
        var mine = all.GetProperty("townships").EnumerateArray().Single(t => t.GetProperty("name").GetString() == township.Name);
        Assert.Equal(2, mine.GetProperty("disputes").GetProperty("total").GetInt32());
        Assert.True(all.GetProperty("county").GetProperty("disputes").GetProperty("total").GetInt32() >= 2);
        Assert.True(all.GetProperty("county").GetProperty("disputes").TryGetProperty("resolutionRate", out _));
    }
}

public sealed class DisputeTests_Sqlite(SqliteHost host) : DisputeTests(host);

public sealed class DisputeTests_Postgres(PostgresHost host) : DisputeTests(host);
