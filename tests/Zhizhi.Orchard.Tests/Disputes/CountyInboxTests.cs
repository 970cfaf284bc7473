using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.DisputeRouting.County;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Tests.Mediation;
using static Zhizhi.Orchard.Tests.Disputes.DisputeHelpers;

namespace Zhizhi.Orchard.Tests.Disputes;

/// <summary>Issue 5 item 5: a case escalated past the township reaches the county's inbox, and the county's answer flows back.</summary>
public abstract class CountyInboxTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    /// <summary>A case the village passes up and the township fails to mediate: the default workflow sends it to the county.</summary>
    private async Task<(TestTownship Township, HttpClient Admin, int CaseId)> CaseAtCountyAsync()
    {
        var township = await Host.CreateTownshipAsync();
        var admin = await township.AsAdminAsync();
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");
        await ActAsync(admin, id, new { action = "escalate", note = "涉及土地权属,村级无权处理" });
        await WaitForAsync(admin, id, c => c.Level() == "township");
        await ActAsync(admin, id, new { action = "accept" });
        await ActAsync(admin, id, new { action = "fail", note = "双方分歧较大,乡镇调解未成" });
        await WaitForAsync(admin, id, c => c.Level() == "county");
        return (township, admin, id);
    }

    /// <summary>Polls the county inbox until the township's referral arrives (it comes through the township's outbox).</summary>
    private static async Task<JsonElement> WaitForReferralAsync(HttpClient county, string township)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var list = await county.GetJsonAsync($"api/county/disputes?township={township}");
            if (list.GetProperty("total").GetInt32() > 0) return Assert.Single(list.GetProperty("items").EnumerateArray().ToList());
            if (watch.Elapsed > TimeSpan.FromSeconds(40)) Assert.Fail("the referral never reached the county inbox");
            await Task.Delay(150, CT);
        }
    }

    private static async Task<JsonElement> CountyActAsync(HttpClient county, int id, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await county.PostJsonAsync($"api/county/disputes/{id}/actions", body);
        if (expected == HttpStatusCode.OK)
        {
            await response.ShouldBeAsync(expected);
            return await response.JsonAsync();
        }
        return await response.ShouldBeProblemAsync(expected);
    }

    private static IEnumerable<JsonElement> CountyEntries(JsonElement c) => c.Timeline().Where(e => e.GetProperty("kind").GetString() == "county");

    [Fact]
    public async Task ACaseEscalatedPastTheTownshipReachesTheCountyInboxWithWhatTheCountyNeeds()
    {
        var (township, admin, id) = await CaseAtCountyAsync();
        using var county = await Host.AdminClientAsync();

        var item = await WaitForReferralAsync(county, township.Name);

        Assert.Equal(id, item.GetProperty("caseId").GetInt32());
        Assert.Equal("测试镇" + township.Name, item.GetProperty("townshipName").GetString());
        Assert.Equal("pending", item.GetProperty("status").GetString());
        Assert.Equal("待处理", item.GetProperty("statusName").GetString());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        var parties = item.GetProperty("parties").EnumerateArray().ToList();
        Assert.Equal(["张三", "李四"], parties.Select(p => p.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("138****5678", parties[0].GetProperty("phone").GetString());
        var detail = await county.GetJsonAsync($"api/county/disputes/{item.GetProperty("id").GetInt32()}");
        Assert.Contains("双方分歧较大,乡镇调解未成", detail.GetProperty("escalationReason").GetString());
        var tried = detail.GetProperty("tried").EnumerateArray().ToList();
        Assert.Equal(["village", "township"], tried.Select(s => s.GetProperty("level").GetString()!).ToArray());
        Assert.Contains(tried[0].GetProperty("steps").EnumerateArray(), s => s.GetString()!.Contains("涉及土地权属"));
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "escalated" && e.GetProperty("level").GetString() == "county");
        Assert.True(detail.GetProperty("deadline").GetDateTimeOffset() > detail.GetProperty("receivedAt").GetDateTimeOffset().AddDays(14));

        var atCounty = await WaitForAsync(admin, id, c => CountyEntries(c).Any());
        Assert.Contains("县级平台:已收到", Assert.Single(CountyEntries(atCounty)).GetProperty("note").GetString());
        Assert.Equal(0, (await county.GetJsonAsync($"api/county/disputes?township={township.Name}&overdue=true")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await county.GetJsonAsync($"api/county/disputes?township={township.Name}&status=done")).GetProperty("total").GetInt32());
        using (var r = await county.GetAsync("api/county/disputes?status=whatever", CT))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("status");

        // Past the county's deadline the referral is flagged and filtered as overdue.
        var referralId = item.GetProperty("id").GetInt32();
        var host = Host.Services.GetRequiredService<ITownshipManager>().Find(Township.HostName)!;
        await using (var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(host))
            await scope.ServiceProvider.GetRequiredService<CountyDbContext>().Referrals.Where(x => x.Id == referralId)
                .ExecuteUpdateAsync(x => x.SetProperty(r => r.DeadlineAt, DateTime.UtcNow.AddHours(-1)), CT);
        var overdue = await county.GetJsonAsync($"api/county/disputes?township={township.Name}&overdue=true");
        Assert.True(Assert.Single(overdue.GetProperty("items").EnumerateArray().ToList()).GetProperty("overdue").GetBoolean());
        Assert.Contains("已超期", await HtmlAsync(county, $"admin/county/disputes?township={township.Name}&overdue=true"));
    }

    [Fact]
    public async Task ARedeliveredReferralIsFiledOnce()
    {
        var (township, admin, id) = await CaseAtCountyAsync();
        using var county = await Host.AdminClientAsync();
        await WaitForReferralAsync(county, township.Name);
        await WaitForAsync(admin, id, c => CountyEntries(c).Any());

        // The same event again, as a crash after delivery but before it was marked delivered would leave it.
        Guid messageId = default;
        await WithDatabaseAsync(Host, township.Name, async db =>
        {
            db.Publish(new CaseReferredToCounty(id, DateTime.UtcNow), DateTime.UtcNow);
            messageId = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
            await db.SaveChangesAsync(CT);
        });
        var watch = Stopwatch.StartNew();
        while (true)
        {
            DateTime? delivered = null;
            await WithDatabaseAsync(Host, township.Name, async db =>
                delivered = await db.Set<OutboxMessage>().Where(m => m.Id == messageId).Select(m => m.DeliveredAt).SingleAsync(CT));
            if (delivered is not null) break;
            if (watch.Elapsed > TimeSpan.FromSeconds(40)) Assert.Fail("the repeated referral was never delivered");
            await Task.Delay(150, CT);
        }

        Assert.Equal(1, (await county.GetJsonAsync($"api/county/disputes?township={township.Name}")).GetProperty("total").GetInt32());
        Assert.Single(CountyEntries(await admin.GetJsonAsync($"api/disputes/{id}")));
    }

    [Fact]
    public async Task TheCountysResolutionSettlesTheTownshipCaseAndTheChainStillVerifies()
    {
        var (township, admin, id) = await CaseAtCountyAsync();
        using var county = await Host.AdminClientAsync();
        var referralId = (await WaitForReferralAsync(county, township.Name)).GetProperty("id").GetInt32();

        var early = await CountyActAsync(county, referralId, new { action = "resolve", note = "已调解" }, HttpStatusCode.Conflict);
        Assert.Contains("须先受理", early.GetProperty("detail").GetString());
        (await CountyActAsync(county, referralId, new { action = "resolve" }, HttpStatusCode.BadRequest)).FieldErrors("note");
        var accepted = await CountyActAsync(county, referralId, new { action = "accept" });
        Assert.Equal("handling", accepted.GetProperty("status").GetString());
        var done = await CountyActAsync(county, referralId, new { action = "resolve", note = "县矛调中心组织双方调解,达成协议,赔偿 2000 元" });
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal("化解", done.GetProperty("outcomeName").GetString());

        var resolved = await WaitForAsync(admin, id, c => c.GetProperty("status").GetString() == "resolved");
        Assert.Equal("county", resolved.GetProperty("resolvedLevel").GetString());
        var answer = CountyEntries(resolved).Last();
        Assert.StartsWith("县级平台:化解", answer.GetProperty("note").GetString());
        Assert.Contains("赔偿 2000 元", answer.GetProperty("note").GetString());
        Assert.Equal("县级管理员", answer.GetProperty("actor").GetString());
        Assert.Contains(CountyEntries(resolved), e => e.GetProperty("note").GetString()!.StartsWith("县级平台:已受理"));
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());

        // The county task of the workflow was completed: the township can close the case, and nothing waits any more.
        await ActAsync(admin, id, new { action = "close" });
        var again = await CountyActAsync(county, referralId, new { action = "litigation", note = "引导起诉" }, HttpStatusCode.Conflict);
        Assert.Contains("已办结", again.GetProperty("detail").GetString());
        await CountyActAsync(county, referralId, new { action = "accept" }, HttpStatusCode.Conflict);
        Assert.Equal(1, (await county.GetJsonAsync($"api/county/disputes?township={township.Name}&status=done")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task OfTwoCountyAnswersAtOnceOneWinsAndTheTownshipHearsOne()
    {
        var (township, admin, id) = await CaseAtCountyAsync();
        using var county = await Host.AdminClientAsync();
        var referralId = (await WaitForReferralAsync(county, township.Name)).GetProperty("id").GetInt32();
        await CountyActAsync(county, referralId, new { action = "accept" });

        var responses = await Task.WhenAll(
            county.PostJsonAsync($"api/county/disputes/{referralId}/actions", new { action = "resolve", note = "县级化解" }),
            county.PostJsonAsync($"api/county/disputes/{referralId}/actions", new { action = "litigation", note = "建议向人民法院起诉" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order().ToArray());
        foreach (var r in responses) r.Dispose();
        var settled = await WaitForAsync(admin, id, c => c.GetProperty("status").GetString() is "resolved" or "answered");
        await Task.Delay(1000, CT);
        var final = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal(settled.GetProperty("status").GetString(), final.GetProperty("status").GetString());
        Assert.Single(CountyEntries(final), e => e.GetProperty("note").GetString() is { } n && (n.StartsWith("县级平台:化解") || n.StartsWith("县级平台:引导诉讼")));
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task ACountySettlementThatIsNotHonouredGoesBackIntoTheCountyInbox()
    {
        var (township, admin, id) = await CaseAtCountyAsync();
        using var county = await Host.AdminClientAsync();
        var referralId = (await WaitForReferralAsync(county, township.Name)).GetProperty("id").GetInt32();
        await CountyActAsync(county, referralId, new { action = "accept" });
        await CountyActAsync(county, referralId, new { action = "resolve", note = "县矛调中心调解成功,李四赔偿 2000 元" });
        await WaitForAsync(admin, id, c => c.GetProperty("status").GetString() == "resolved");

        // The township records the county's agreement with its obligation; the payment falls due and is not made.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await ActAsync(admin, id, new
        {
            action = "agreement", terms = "李四赔偿张三 2000 元。",
            obligations = new[] { new { party = "李四", what = "支付赔偿款", amount = 2000, dueDate = today.AddDays(1).ToString("yyyy-MM-dd") } },
        });
        var oid = Assert.Single((await admin.GetJsonAsync($"api/disputes/{id}/obligations")).EnumerateArray()).GetProperty("id").GetInt32();
        var t = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using (var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(t))
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DisputeRouting.Obligations.ObligationCheck>().RunAsync(DateTime.UtcNow.AddDays(3), CT));
        var reopened = await ActAsync(admin, id, new { action = "obligation", obligationId = oid, result = "breached", path = "remediate", note = "逾期未付" });
        Assert.Equal(("accepted", "county"), (reopened.GetProperty("status").GetString(), reopened.Level()));

        // The county's row opens again, with a fresh deadline and no answer; the township's case says so.
        var watch = Stopwatch.StartNew();
        JsonElement again;
        while ((again = await county.GetJsonAsync($"api/county/disputes/{referralId}")).GetProperty("status").GetString() != "pending")
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(40)) Assert.Fail("the case never came back into the county inbox");
            await Task.Delay(150, CT);
        }
        Assert.Equal(JsonValueKind.Null, again.GetProperty("outcome").ValueKind);
        Assert.Equal(1, (await county.GetJsonAsync($"api/county/disputes?township={township.Name}")).GetProperty("total").GetInt32());
        var back = await WaitForAsync(admin, id, c => CountyEntries(c).Any(e => e.GetProperty("note").GetString()!.StartsWith("县级平台:再次收到")));
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());

        // The county can act on it again, and its new answer reaches the case.
        await CountyActAsync(county, referralId, new { action = "accept" });
        await CountyActAsync(county, referralId, new { action = "litigation", note = "引导当事人向法院起诉" });
        await WaitForAsync(admin, id, c => CountyEntries(c).Any(e => e.GetProperty("note").GetString()!.StartsWith("县级平台:引导诉讼")));
    }

    [Fact]
    public async Task ADeclinedReferralStaysWithTheTownshipWhichCanStillSettleIt()
    {
        var (township, admin, id) = await CaseAtCountyAsync();
        using var county = await Host.AdminClientAsync();
        var referralId = (await WaitForReferralAsync(county, township.Name)).GetProperty("id").GetInt32();

        await CountyActAsync(county, referralId, new { action = "decline", note = "属于乡镇职权范围,请乡镇继续调处" });

        var back = await WaitForAsync(admin, id, c => CountyEntries(c).Any(e => e.GetProperty("note").GetString()!.Contains("不予受理")));
        Assert.Equal("escalated", back.GetProperty("status").GetString());
        Assert.Contains("请乡镇继续调处", CountyEntries(back).Last().GetProperty("note").GetString());
        // The workflow's county task still waits: the township's own settlement completes it.
        await ActAsync(admin, id, new { action = "accept" });
        var resolved = await ActAsync(admin, id, new { action = "resolve" });
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        await CountyActAsync(county, referralId, new { action = "accept" }, HttpStatusCode.Conflict);
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task OnlyCountyStaffUseTheInbox()
    {
        var township = await Host.CreateTownshipAsync();
        using var county = await Host.AdminClientAsync();

        // A township's token means nothing at the county (tokens name the township that issued them), and the
        // county's API does not exist under a township's prefix.
        using (var asTownship = Host.NewClient(token: await township.AdminTokenAsync()))
        using (var r = await asTownship.GetAsync("api/county/disputes", CT))
            await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using (var inTownship = await township.AsAdminAsync())
        using (var r = await inTownship.GetAsync("api/county/disputes", CT))
            await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var userName = Names.User("g");
        using (var created = await county.PostJsonAsync("api/users",
            new { userName, password = "Host-User-2026", displayName = "县网格员", roles = new[] { "GridWorker" } }))
            await created.ShouldBeAsync(HttpStatusCode.Created);
        using var anonymous = Host.NewClient();
        using (var gridWorker = Host.NewClient(token: await anonymous.TokenAsync(userName, "Host-User-2026")))
        {
            using (var r = await gridWorker.GetAsync("api/county/disputes", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            using (var r = await gridWorker.PostJsonAsync("api/county/disputes/1/actions", new { action = "accept" })) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        using (var r = await county.GetAsync("api/county/disputes/999999", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await CountyActAsync(county, 999999, new { action = "accept" }, HttpStatusCode.NotFound);
        (await CountyActAsync(county, 999999, new { action = "approve" }, HttpStatusCode.BadRequest)).FieldErrors("action");
    }

    [Fact]
    public async Task TheCountyAnswersOnItsPagesAndTheTownshipSeesTheAnswerOnItsCasePage()
    {
        var (township, admin, id) = await CaseAtCountyAsync();
        using var county = await Host.AdminClientAsync();
        var item = await WaitForReferralAsync(county, township.Name);
        var referralId = item.GetProperty("id").GetInt32();
        var caseNo = item.GetProperty("caseNo").GetString()!;
        await WaitForAsync(admin, id, c => CountyEntries(c).Any());

        Assert.Contains(caseNo, await HtmlAsync(county, $"admin/county/disputes?township={township.Name}"));
        var page = await HtmlAsync(county, $"admin/county/disputes/{referralId}");
        Assert.Contains("双方分歧较大", page);
        Assert.Contains("138****5678", page);
        Assert.DoesNotContain("13812345678", page);
        Assert.Contains("等待县级受理", await HtmlAsync(admin, $"admin/disputes/{id}"));

        using (var r = await county.PostFormAsync($"admin/county/disputes/{referralId}", "", new() { ["op"] = "accept" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var r = await county.PostFormAsync($"admin/county/disputes/{referralId}", "", new() { ["op"] = "litigation", ["Note"] = "" }))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Contains("引导诉讼的意见不能为空", await r.Content.ReadAsStringAsync(CT));
        }
        using (var r = await county.PostFormAsync($"admin/county/disputes/{referralId}", "", new() { ["op"] = "litigation", ["Note"] = "属人民法院受理范围,请当事人向县人民法院起诉" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains("引导诉讼", await HtmlAsync(county, $"admin/county/disputes/{referralId}"));

        var answered = await WaitForAsync(admin, id, c => c.GetProperty("status").GetString() == "answered");
        Assert.StartsWith("县级平台:引导诉讼", CountyEntries(answered).Last().GetProperty("note").GetString());
        var casePage = await HtmlAsync(admin, $"admin/disputes/{id}");
        Assert.Matches("id=\"county-answer\">[^<]*县级答复:<strong>引导诉讼</strong>", casePage);
        Assert.Contains("请当事人向县人民法院起诉", casePage);
        Assert.Contains("哈希链完整", casePage);
    }

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        using var r = await client.GetAsync(url, CT);
        await r.ShouldBeAsync(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync(CT);
    }
}

public sealed class CountyInboxTests_Sqlite(SqliteHost host) : CountyInboxTests(host);

public sealed class CountyInboxTests_Postgres(PostgresHost host) : CountyInboxTests(host);
