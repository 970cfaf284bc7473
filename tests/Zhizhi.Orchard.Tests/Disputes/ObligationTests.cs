using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.DisputeRouting.Obligations;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Tests.Mediation;
using static Zhizhi.Orchard.Tests.Disputes.DisputeHelpers;

namespace Zhizhi.Orchard.Tests.Disputes;

/// <summary>
/// Issue 5 items 4 and 6: the obligations (履行事项) of a mediation agreement, the scheduled check that marks them
/// overdue once, fulfilment and breach (re-mediation, the court path), closing, and reminders before a deadline.
/// The sweeps take "now" as an argument: a test runs them at a later time instead of waiting for it.
/// </summary>
public abstract class ObligationTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateOnly LocalToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Shanghai));

    private static string Day(int fromToday) => LocalToday.AddDays(fromToday).ToString("yyyy-MM-dd");

    /// <summary>A routed case, accepted at village level, with an agreement.</summary>
    private static async Task<int> AcceptedCaseAsync(HttpClient admin)
    {
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");
        await ActAsync(admin, id, new { action = "accept" });
        return id;
    }

    private static object Agreement(params object[] obligations) => Agreement(false, obligations);

    private static object Agreement(bool judicialConfirmation, params object[] obligations)
        => new { action = "agreement", terms = "一、李四赔偿张三 400 元;二、李四拆除占道雨棚。", judicialConfirmation, obligations };

    private static async Task<JsonElement[]> ObligationsAsync(HttpClient client, int id)
        => [.. (await client.GetJsonAsync($"api/disputes/{id}/obligations")).EnumerateArray()];

    private async Task<T> InScopeAsync<T>(TestTownship township, Func<IServiceProvider, Task<T>> work)
    {
        var t = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(t);
        return await work(scope.ServiceProvider);
    }

    private Task<int> CheckAsync(TestTownship township, DateTime utcNow)
        => InScopeAsync(township, sp => sp.GetRequiredService<ObligationCheck>().RunAsync(utcNow, CT));

    private Task<int> RemindAsync(TestTownship township, DateTime utcNow)
        => InScopeAsync(township, sp => sp.GetRequiredService<DeadlineReminders>().RunAsync(utcNow, CT));

    [Fact]
    public async Task ObligationsAreValidatedInChineseAndABadListSavesNothing()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = await AcceptedCaseAsync(admin);

        var bad = await ActAsync(admin, id, Agreement(
            new { party = "王五", what = "支付赔偿款", amount = 400, dueDate = Day(3) },
            new { party = "李四", what = "拆除雨棚", dueDate = Day(-1) },
            new { party = "李四", what = "支付赔偿款", amount = 0, dueDate = Day(3) },
            new { party = "李四", what = new string('长', 201), dueDate = Day(3) },
            new { party = "李四", what = "赔礼道歉", dueDate = "下周" }), HttpStatusCode.BadRequest);
        // Shape errors (amount, text, date format) come first; the party and the past date need the case.
        Assert.Contains("大于 0", bad.FieldErrors("obligations[2].amount")[0]);
        Assert.Contains("200", bad.FieldErrors("obligations[3].what")[0]);
        Assert.Contains("格式", bad.FieldErrors("obligations[4].dueDate")[0]);

        var wrongParty = await ActAsync(admin, id, Agreement(
            new { party = "王五", what = "支付赔偿款", amount = 400, dueDate = Day(3) },
            new { party = "李四", what = "拆除雨棚", dueDate = Day(-1) }), HttpStatusCode.BadRequest);
        Assert.Contains("不是本案当事人", wrongParty.FieldErrors("obligations[0].party")[0]);
        Assert.Contains("不能早于今天", wrongParty.FieldErrors("obligations[1].dueDate")[0]);
        Assert.Matches(Zhizhi.Orchard.Tests.Infrastructure.Http.Chinese(), wrongParty.GetProperty("detail").GetString()!);

        // Nothing of the refused requests stayed: no obligations, no terms, no timeline entry.
        Assert.Empty(await ObligationsAsync(admin, id));
        var unchanged = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("agreementTerms").ValueKind);
        Assert.DoesNotContain(unchanged.Timeline(), e => e.GetProperty("kind").GetString() == "agreement");

        var saved = await ActAsync(admin, id, Agreement(
            new { party = "李四", what = "支付赔偿款", amount = 400.5m, dueDate = Day(3) },
            new { party = "李四", what = "拆除占道雨棚", dueDate = Day(0) }));
        Assert.Contains("履行事项 2 项", saved.Timeline().Last().GetProperty("note").GetString());
        var list = await ObligationsAsync(admin, id);
        Assert.Equal(2, list.Length);
        Assert.All(list, o => Assert.Equal("pending", o.GetProperty("status").GetString()));
        var pay = list.Single(o => o.GetProperty("what").GetString() == "支付赔偿款");
        Assert.Equal(400.5m, pay.GetProperty("amount").GetDecimal());
        Assert.Equal(Day(3), pay.GetProperty("dueDate").GetString());
        Assert.Equal("李四", pay.GetProperty("party").GetString());

        // The printable agreement and the case page list them.
        using (var print = await admin.GetAsync($"admin/disputes/{id}/agreement", CT))
        {
            var html = await print.Content.ReadAsStringAsync(CT);
            Assert.Contains("履行事项", html);
            Assert.Contains("拆除占道雨棚", html);
            Assert.Contains("400.50", html);
        }
        using (var page = await admin.GetAsync($"admin/disputes/{id}", CT))
        {
            var html = await page.Content.ReadAsStringAsync(CT);
            Assert.Contains("支付赔偿款", html);
            Assert.Contains("履行中", html);
        }

        // Editing keeps the one sent with its id (changed), drops the one left out; the agreement without a list keeps it.
        var payId = pay.GetProperty("id").GetInt32();
        await ActAsync(admin, id, Agreement(new { id = payId, party = "李四", what = "支付赔偿款", amount = 500, dueDate = Day(5) }));
        var edited = Assert.Single(await ObligationsAsync(admin, id));
        Assert.Equal(payId, edited.GetProperty("id").GetInt32());
        Assert.Equal(500m, edited.GetProperty("amount").GetDecimal());
        await ActAsync(admin, id, new { action = "agreement", terms = "一、李四赔偿张三 500 元。" });
        Assert.Single(await ObligationsAsync(admin, id));
        var unknownId = await ActAsync(admin, id, Agreement(new { id = payId + 1000, party = "李四", what = "支付", dueDate = Day(5) }), HttpStatusCode.BadRequest);
        unknownId.FieldErrors("obligations[0].id");
    }

    [Fact]
    public async Task TheOverdueCheckMarksAnObligationOnceEvenWhenSweepsRunInParallel()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = await AcceptedCaseAsync(admin);
        await ActAsync(admin, id, Agreement(new { party = "李四", what = "支付赔偿款", amount = 400, dueDate = Day(1) }));
        await ActAsync(admin, id, new { action = "resolve" });

        // On its due date it is not overdue yet.
        Assert.Equal(0, await CheckAsync(township, DateTime.UtcNow));
        var later = DateTime.UtcNow.AddDays(3);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CheckAsync(township, later)));
        Assert.Equal(1, results.Sum());
        Assert.Equal(0, await CheckAsync(township, later.AddDays(1)));

        var o = Assert.Single(await ObligationsAsync(admin, id));
        Assert.Equal("overdue", o.GetProperty("status").GetString());
        Assert.Equal("待核查", o.GetProperty("statusName").GetString());
        var c = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal("履行待核查", Assert.Single(c.Timeline(), e => e.GetProperty("kind").GetString() == "obligation-overdue").GetProperty("kindName").GetString());
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());

        // The handler who recorded the agreement is told once; a mediator not named sees nothing, the manager sees all.
        var notices = (await admin.GetJsonAsync("api/disputes/notifications")).EnumerateArray().ToList();
        var notice = Assert.Single(notices);
        Assert.Equal("obligation-overdue", notice.GetProperty("kind").GetString());
        Assert.Contains("支付赔偿款", notice.GetProperty("text").GetString());
        Assert.Contains("村调委会", notice.GetProperty("recipients").GetString());
        var mediator = await township.CreateUserAsync("Mediator");
        using var other = township.As(mediator.Token);
        Assert.Empty((await other.GetJsonAsync("api/disputes/notifications")).EnumerateArray());
        Assert.Single((await admin.GetJsonAsync("api/disputes/notifications?all=true")).EnumerateArray());
        using (var page = await admin.GetAsync("admin/disputes/notifications", CT))
            Assert.Contains("履行待核查", await page.Content.ReadAsStringAsync(CT));
    }

    [Fact]
    public async Task FulfilmentAndBreachFollowTheirPathsAndRemediationReopensTheCaseAtTheTownship()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = await AcceptedCaseAsync(admin);
        await ActAsync(admin, id, Agreement(
            new { party = "李四", what = "支付赔偿款", amount = 400, dueDate = Day(2) },
            new { party = "李四", what = "拆除雨棚", dueDate = Day(2) },
            new { party = "张三", what = "赔礼道歉", dueDate = Day(2) }));
        await ActAsync(admin, id, new { action = "resolve" });
        var ids = (await ObligationsAsync(admin, id)).ToDictionary(o => o.GetProperty("what").GetString()!, o => o.GetProperty("id").GetInt32());

        var resident = await township.RegisterResidentAsync();
        using (var asResident = township.As(resident.Token))
        using (var r = await asResident.PostJsonAsync($"api/disputes/{id}/actions", new { action = "obligation", obligationId = ids["赔礼道歉"], result = "fulfilled" }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await ActAsync(admin, id, new { action = "obligation", obligationId = ids["赔礼道歉"], result = "breached" }, HttpStatusCode.BadRequest)).FieldErrors("path");
        (await ActAsync(admin, id, new { action = "obligation", obligationId = 99999, result = "fulfilled" }, HttpStatusCode.BadRequest)).FieldErrors("obligationId");
        (await ActAsync(admin, id, new { action = "obligation", obligationId = ids["赔礼道歉"], result = "maybe" }, HttpStatusCode.BadRequest)).FieldErrors("result");
        // Before its date a breach cannot be established.
        var early = await ActAsync(admin, id, new { action = "obligation", obligationId = ids["拆除雨棚"], result = "breached", path = "court" }, HttpStatusCode.Conflict);
        Assert.Contains("期限未到", early.GetProperty("detail").GetString());

        // Fulfilled early, with a note; a second record is a conflict.
        var done = await ActAsync(admin, id, new { action = "obligation", obligationId = ids["赔礼道歉"], result = "fulfilled", note = "已当面道歉" });
        Assert.Contains("履行完毕", done.Timeline().Last().GetProperty("note").GetString());
        await ActAsync(admin, id, new { action = "obligation", obligationId = ids["赔礼道歉"], result = "fulfilled" }, HttpStatusCode.Conflict);

        Assert.Equal(2, await CheckAsync(township, DateTime.UtcNow.AddDays(4)));
        var court = await ActAsync(admin, id, new { action = "obligation", obligationId = ids["拆除雨棚"], result = "breached", path = "court" });
        Assert.Contains("提起诉讼", court.Timeline().Last().GetProperty("note").GetString());
        Assert.Equal("resolved", court.GetProperty("status").GetString());
        var courtOne = (await ObligationsAsync(admin, id)).Single(o => o.GetProperty("id").GetInt32() == ids["拆除雨棚"]);
        Assert.Equal("breached", courtOne.GetProperty("status").GetString());
        Assert.Equal("引导诉讼", courtOne.GetProperty("pathName").GetString());

        var again = await ActAsync(admin, id, new { action = "obligation", obligationId = ids["支付赔偿款"], result = "breached", path = "remediate", note = "逾期未付" });
        Assert.Equal("accepted", again.GetProperty("status").GetString());
        Assert.Equal("township", again.Level());
        Assert.Equal("乡镇调委会", again.GetProperty("assignee").GetString());
        Assert.NotEqual(JsonValueKind.Null, again.GetProperty("deadline").ValueKind);
        Assert.Equal(JsonValueKind.Null, again.GetProperty("resolvedLevel").ValueKind);
        var last = again.Timeline().Last();
        Assert.Equal("obligation", last.GetProperty("kind").GetString());
        Assert.Contains("重新调解", last.GetProperty("note").GetString());
        Assert.Contains("逾期未付", last.GetProperty("note").GetString());
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());
        Assert.Contains("后续途径:引导诉讼", await (await admin.GetAsync($"admin/disputes/{id}", CT)).Content.ReadAsStringAsync(CT));

        // Re-opened, it is mediated again like any case at the township.
        var resolved = await ActAsync(admin, id, new { action = "resolve" });
        Assert.Equal("township", resolved.GetProperty("resolvedLevel").GetString());
    }

    [Fact]
    public async Task ARoutingWorkflowWaitingForABreachIsInformedAndRoutesTheReopenedCase()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        // A township's own routing: after a settlement it waits for the breach signal, then hands the case to its 司法所.
        var definition = Workflows.EngineHarness.Definition("dispute-with-aftercare",
        [
            Workflows.EngineHarness.A("start", "Start"),
            Workflows.EngineHarness.A("village", "DisputeRoute", new { level = "village", assignee = "村调委会", deadline = "P7D" }),
            Workflows.EngineHarness.A("task", "UserTask", new { outcomes = new[] { "调解成功" }, assignee = "村调委会" }),
            Workflows.EngineHarness.A("aftercare", "Signal", new { signal = ObligationActions.BreachSignal }),
            Workflows.EngineHarness.A("township", "DisputeRoute", new { level = "township", assignee = "镇司法所", deadline = "P10D", note = "协议未履行,转镇司法所重新调解" }),
        ],
        [["start", "Done", "village"], ["village", "Done", "task"], ["task", "调解成功", "aftercare"], ["aftercare", "Done", "township"]]);
        using (var r = await admin.PostJsonAsync("api/workflows", definition)) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var put = await admin.PutAsJsonAsync("api/disputes/settings", new { caseNoPrefix = "JF", workflowId = "dispute-with-aftercare" }, CT))
            await put.ShouldBeAsync(HttpStatusCode.OK);
        var id = await AcceptedCaseAsync(admin);
        await ActAsync(admin, id, Agreement(new { party = "李四", what = "支付赔偿款", amount = 400, dueDate = Day(1) }));
        await ActAsync(admin, id, new { action = "resolve" });
        Assert.Equal(1, await CheckAsync(township, DateTime.UtcNow.AddDays(3)));
        var oid = Assert.Single(await ObligationsAsync(admin, id)).GetProperty("id").GetInt32();

        var reopened = await ActAsync(admin, id, new { action = "obligation", obligationId = oid, result = "breached", path = "remediate" });
        Assert.Equal("accepted", reopened.GetProperty("status").GetString());

        var routed = await WaitForAsync(admin, id, c => c.GetProperty("assignee").GetString() == "镇司法所");
        Assert.Equal("township", routed.Level());
        Assert.Equal("accepted", routed.GetProperty("status").GetString());
        Assert.Contains(routed.Timeline(), e => e.GetProperty("note").GetString()?.Contains("转镇司法所重新调解") == true);
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task WithJudicialConfirmationTheCourtPathIsEnforcement()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = await AcceptedCaseAsync(admin);
        await ActAsync(admin, id, Agreement(true, new { party = "李四", what = "支付赔偿款", amount = 400, dueDate = Day(1) }));
        await ActAsync(admin, id, new { action = "resolve" });
        Assert.Equal(1, await CheckAsync(township, DateTime.UtcNow.AddDays(3)));
        var oid = Assert.Single(await ObligationsAsync(admin, id)).GetProperty("id").GetInt32();

        var c = await ActAsync(admin, id, new { action = "obligation", obligationId = oid, result = "breached", path = "court" });

        Assert.Contains("申请强制执行", c.Timeline().Last().GetProperty("note").GetString());
        Assert.Equal("申请强制执行", Assert.Single(await ObligationsAsync(admin, id)).GetProperty("pathName").GetString());
    }

    [Fact]
    public async Task ACaseIsNotClosedWhileAnObligationIsPendingOrOverdue()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = await AcceptedCaseAsync(admin);
        await ActAsync(admin, id, Agreement(
            new { party = "李四", what = "支付赔偿款", amount = 400, dueDate = Day(1) },
            new { party = "李四", what = "拆除雨棚", dueDate = Day(10) }));
        await ActAsync(admin, id, new { action = "resolve" });
        Assert.Equal(1, await CheckAsync(township, DateTime.UtcNow.AddDays(3)));

        var refused = await ActAsync(admin, id, new { action = "close" }, HttpStatusCode.Conflict);
        Assert.Contains("2 项履行事项未履行完毕", refused.GetProperty("detail").GetString());
        var list = await ObligationsAsync(admin, id);
        await ActAsync(admin, id, new { action = "obligation", obligationId = list[0].GetProperty("id").GetInt32(), result = "fulfilled" });
        Assert.Contains("1 项", (await ActAsync(admin, id, new { action = "close" }, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal("resolved", (await admin.GetJsonAsync($"api/disputes/{id}")).GetProperty("status").GetString());
        await ActAsync(admin, id, new { action = "obligation", obligationId = list[1].GetProperty("id").GetInt32(), result = "fulfilled" });

        var closed = await ActAsync(admin, id, new { action = "close" });
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        // A closed case takes no new obligations.
        await ActAsync(admin, id, Agreement(new { party = "李四", what = "再付 100 元", amount = 100, dueDate = Day(5) }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AReminderIsSentOnceBeforeTheDeadlineButNotForPausedOrSettledCases()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++) ids.Add((await ReportAsync(admin)).GetProperty("id").GetInt32());
        var cases = new List<JsonElement>();
        foreach (var id in ids) cases.Add(await WaitForAsync(admin, id, c => c.Level() == "village"));
        var (open, paused, settled) = (ids[0], ids[1], ids[2]);
        await ActAsync(admin, paused, new { action = "pause", reason = "等待鉴定" });
        await ActAsync(admin, settled, new { action = "accept" });
        await ActAsync(admin, settled, new { action = "resolve" });
        var deadline = cases[0].GetProperty("deadline").GetDateTimeOffset().UtcDateTime;

        // Seven working days ahead, outside the default window of one working day.
        Assert.Equal(0, await RemindAsync(township, DateTime.UtcNow));
        using (var put = await admin.PutAsJsonAsync("api/disputes/settings/reminders", new { reminderBefore = "PT1H" }, CT)) await put.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(0, await RemindAsync(township, deadline.AddHours(-2)));
        foreach (var wrong in new[] { "P0D", "P31D", "abc", "PT30M" })
            using (var put = await admin.PutAsJsonAsync("api/disputes/settings/reminders", new { reminderBefore = wrong }, CT))
                Assert.Contains("工作日", (await put.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("reminderBefore")[0]);
        using (var put = await admin.PutAsJsonAsync("api/disputes/settings/reminders", new { reminderBefore = "P1D" }, CT)) await put.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("P1D", (await admin.GetJsonAsync("api/disputes/settings/reminders")).GetProperty("reminderBefore").GetString());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RemindAsync(township, deadline.AddHours(-2))));
        Assert.Equal(1, results.Sum());
        Assert.Equal(0, await RemindAsync(township, deadline.AddMinutes(-5)));
        // After the deadline nothing is reminded any more (the case is overdue: escalation's business).
        Assert.Equal(0, await RemindAsync(township, deadline.AddHours(1)));

        var all = (await admin.GetJsonAsync("api/disputes/notifications?all=true")).EnumerateArray().ToList();
        var reminder = Assert.Single(all);
        Assert.Equal(open, reminder.GetProperty("caseId").GetInt32());
        Assert.Equal("deadline-reminder", reminder.GetProperty("kind").GetString());
        Assert.Equal("village", reminder.GetProperty("level").GetString());
        Assert.Equal("村调委会", reminder.GetProperty("recipients").GetString());
        Assert.Contains("即将到期", reminder.GetProperty("text").GetString());
        // Reminders write no timeline entry.
        Assert.DoesNotContain((await admin.GetJsonAsync($"api/disputes/{open}")).Timeline(), e => e.GetProperty("kind").GetString()!.Contains("remind"));

        // The background sweeper's own pass over the township sends nothing more either.
        var sweeper = Host.Services.GetRequiredService<DisputeSweeper>();
        var t = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        Assert.Equal((0, 0), await sweeper.SweepAsync(t, deadline.AddHours(-1), CT));
    }

    [Fact]
    public async Task TheObligationsPageSavesAgreementAndObligationsAndShowsErrorsBesideFields()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = await AcceptedCaseAsync(admin);

        using (var bad = await admin.PostFormAsync($"admin/disputes/{id}/obligations", "?handler=agreement", new()
        {
            ["Input.Terms"] = "李四赔偿 400 元", ["Input.Obligations[0].Party"] = "李四", ["Input.Obligations[0].What"] = "支付赔偿款",
            ["Input.Obligations[0].Amount"] = "四百", ["Input.Obligations[0].DueDate"] = Day(3),
            ["Input.Obligations[1].Party"] = "李四", ["Input.Obligations[1].What"] = "拆除雨棚", ["Input.Obligations[1].DueDate"] = Day(-2),
        }))
        {
            await bad.ShouldBeAsync(HttpStatusCode.OK);
            var html = await bad.Content.ReadAsStringAsync(CT);
            Assert.Contains("金额须为数字", html);
        }
        using (var bad = await admin.PostFormAsync($"admin/disputes/{id}/obligations", "?handler=agreement", new()
        {
            ["Input.Terms"] = "李四赔偿 400 元", ["Input.Obligations[0].Party"] = "李四", ["Input.Obligations[0].What"] = "拆除雨棚", ["Input.Obligations[0].DueDate"] = Day(-2),
        }))
            Assert.Contains("不能早于今天", await bad.Content.ReadAsStringAsync(CT));
        Assert.Empty(await ObligationsAsync(admin, id));

        using (var ok = await admin.PostFormAsync($"admin/disputes/{id}/obligations", "?handler=agreement", new()
        {
            ["Input.Terms"] = "李四赔偿 400 元", ["Input.JudicialConfirmation"] = "true",
            ["Input.Obligations[0].Party"] = "李四", ["Input.Obligations[0].What"] = "支付赔偿款", ["Input.Obligations[0].Amount"] = "400", ["Input.Obligations[0].DueDate"] = Day(3),
            ["Input.Obligations[1].Party"] = "", ["Input.Obligations[1].What"] = "", ["Input.Obligations[1].DueDate"] = "",
        }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var o = Assert.Single(await ObligationsAsync(admin, id));
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}")).GetProperty("judicialConfirmation").GetBoolean());

        using (var ok = await admin.PostFormAsync($"admin/disputes/{id}/obligations", "?handler=record", new()
        {
            ["Input.ObligationId"] = o.GetProperty("id").GetInt32().ToString(), ["Input.Result"] = "fulfilled", ["Input.Note"] = "已转账",
        }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("fulfilled", Assert.Single(await ObligationsAsync(admin, id)).GetProperty("status").GetString());
        var page = await (await admin.GetAsync($"admin/disputes/{id}/obligations", CT)).Content.ReadAsStringAsync(CT);
        Assert.Contains("已核查,不能修改", page);
    }
}

public sealed class ObligationTests_Sqlite(SqliteHost host) : ObligationTests(host);

public sealed class ObligationTests_Postgres(PostgresHost host) : ObligationTests(host);
