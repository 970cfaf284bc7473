using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Tests.Mediation;
using Zhizhi.Orchard.Tests.Portal;
using static Zhizhi.Orchard.Tests.Disputes.DisputeHelpers;

namespace Zhizhi.Orchard.Tests.Disputes;

/// <summary>
/// Issue 5, the pages: a party's 村民小组 entered in the report form (resident, walk-in, grid worker) reaches the conflict
/// screening, the staff case page and the agreement; and a case the county holds, seen from the township's case page
/// (only the buttons its state machine takes) and from the resident's 我的纠纷.
/// </summary>
public abstract class PartyGroupAndCountyViewTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        using var r = await client.GetAsync(url, CT);
        await r.ShouldBeAsync(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync(CT);
    }

    /// <summary>Posts the report form and returns the page shown again (validation errors) with its status.</summary>
    private static async Task<string> PostReportExpectingErrorsAsync(HttpClient client, Dictionary<string, string> fields)
    {
        using var r = await client.PostFormAsync("disputes", "", fields);
        await r.ShouldBeAsync(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync(CT);
    }

    private static void AssertErrorBeside(string html, string field, string message)
        => Assert.Matches($"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>{Regex.Escape(message)}</span>", html);

    private static Dictionary<string, string> WalkIn(string title) => new()
    {
        ["Input.Title"] = title, ["Input.Description"] = "两户因宅基地边界的围墙发生争执,来窗口请求调解。",
        ["Input.Category"] = "邻里纠纷", ["Input.Village"] = "东山村", ["Input.Source"] = "walk-in",
        ["Input.Applicant"] = "张三", ["Input.ApplicantPhone"] = "13812345678", ["Input.ApplicantGroup"] = "三组",
        ["Input.OtherParty"] = "李四", ["Input.OtherPartyPhone"] = "13987654321", ["Input.OtherPartyGroup"] = " 五组 ",
    };

    private static async Task<int> TotalAsync(HttpClient staff) => (await staff.GetJsonAsync("api/disputes")).GetProperty("total").GetInt32();

    [Fact]
    public async Task WindowStaffEnterBothPartiesWithTheirVillageGroupsAndScreeningUsesThem()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await OrganisationTests.AddVillageAsync(admin, "东山村");
        using (var r = await admin.PostJsonAsync("api/mediation/mediators", new { name = "赵调解", type = "专职", specialties = new[] { "邻里纠纷" }, village = "东山村", villageGroup = "三组" }))
            await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await admin.PostJsonAsync("api/mediation/mediators", new { name = "孙调解", type = "专职", specialties = new[] { "邻里纠纷" }, village = "东山村", villageGroup = "七组" }))
            await r.ShouldBeAsync(HttpStatusCode.Created);

        var form = await HtmlAsync(admin, "disputes");
        Assert.Contains("申请人村民小组", form);
        Assert.Contains("对方所在村民小组", form);
        // Staff get the groups the township already knows (the mediators' declared ones) as suggestions.
        Assert.Matches("<datalist id=\"village-groups\">[\\s\\S]*value=\"三组\"[\\s\\S]*</datalist>", form);

        // Too long a group, a group without a name, a bad phone: each error beside its field, and nothing is filed.
        var tooLong = WalkIn("围墙纠纷");
        tooLong["Input.ApplicantGroup"] = new string('组', 51);
        var html = await PostReportExpectingErrorsAsync(admin, tooLong);
        AssertErrorBeside(html, "Input.ApplicantGroup", "村民小组不能超过 50 个字符");
        var nameless = WalkIn("围墙纠纷");
        nameless["Input.OtherParty"] = "";
        nameless["Input.OtherPartyPhone"] = "12";
        html = await PostReportExpectingErrorsAsync(admin, nameless);
        AssertErrorBeside(html, "Input.OtherParty", "当事人姓名不能为空");
        Assert.Matches("data-valmsg-for=\"Input.OtherPartyPhone\"[^>]*>联系电话格式不正确", html);
        Assert.Contains("value=\" 五组 \"", html);
        var badSource = WalkIn("围墙纠纷");
        badSource["Input.Source"] = "booking";
        AssertErrorBeside(await PostReportExpectingErrorsAsync(admin, badSource), "Input.Source", "请选择来源:窗口来访、网格员上报或 12345 热线");
        Assert.Equal(0, await TotalAsync(admin));

        int id;
        using (var ok = await admin.PostFormAsync("disputes", "", WalkIn("围墙纠纷")))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            var location = ok.Headers.Location!.ToString();
            Assert.Matches("/admin/disputes/\\d+$", location);
            id = int.Parse(location[(location.LastIndexOf('/') + 1)..]);
        }
        var stored = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal("walk-in", stored.GetProperty("source").GetString());
        var parties = stored.GetProperty("parties").EnumerateArray().ToList();
        Assert.Equal(["张三", "李四"], parties.Select(p => p.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(["申请人", "对方当事人"], parties.Select(p => p.GetProperty("role").GetString()!).ToArray());
        Assert.Equal(["三组", "五组"], parties.Select(p => p.GetProperty("villageGroup").GetString()!).ToArray());

        // The screening sees the group entered in the form: the mediator of 三组 cannot take the case.
        var page = await HtmlAsync(admin, $"admin/disputes/{id}");
        Assert.Matches("<li class=\"party\">张三\\s*\\(申请人\\)\\s*13812345678\\s*<span[^>]*>· 村民小组:三组</span>", page);
        Assert.Contains("村民小组:五组", page);
        Assert.Contains("与当事人张三同村民小组(“三组”)", await HtmlAsync(admin, $"admin/disputes/{id}/mediator"));
        var assigned = await ActAsync(admin, id, new { action = "assignMediator" });
        Assert.Equal("孙调解", assigned.GetProperty("mediatorName").GetString());

        await ActAsync(admin, id, new { action = "accept" });
        await ActAsync(admin, id, new { action = "agreement", terms = "一、李四于十日内拆除越界围墙。" });
        var agreement = await HtmlAsync(admin, $"admin/disputes/{id}/agreement");
        Assert.Matches("<td>张三</td><td>申请人</td><td>三组</td><td>13812345678</td>", agreement);
        Assert.Matches("<td>李四</td><td>对方当事人</td><td>五组</td>", agreement);
    }

    [Fact]
    public async Task AResidentNamesTheOtherPartysGroupWhichOnlyStaffSee()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var resident = await township.RegisterResidentAsync();
        using var mine = township.As(resident.Token);

        var form = await HtmlAsync(mine, "disputes");
        Assert.Contains("对方所在村民小组(选填)", form);
        Assert.Contains("您所在的村民小组(选填)", form);
        Assert.DoesNotContain("申请人村民小组", form);
        Assert.DoesNotContain("village-groups", form);

        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "楼上漏水", ["Input.Description"] = "楼上漏水到我家,协商不成", ["Input.Category"] = "邻里纠纷",
            ["Input.OtherParty"] = "王五", ["Input.OtherPartyGroup"] = new string('组', 51),
            // A resident cannot pick a staff source or add an applicant: those fields are ignored.
            ["Input.Source"] = "hotline", ["Input.Applicant"] = "冒名",
        };
        AssertErrorBeside(await PostReportExpectingErrorsAsync(mine, fields), "Input.OtherPartyGroup", "村民小组不能超过 50 个字符");
        Assert.Empty((await mine.GetJsonAsync("api/disputes/mine")).EnumerateArray());

        fields["Input.OtherPartyGroup"] = "二组";
        fields["Input.MyGroup"] = new string('组', 51);
        AssertErrorBeside(await PostReportExpectingErrorsAsync(mine, fields), "Input.MyGroup", "村民小组不能超过 50 个字符");
        Assert.Empty((await mine.GetJsonAsync("api/disputes/mine")).EnumerateArray());

        fields["Input.MyGroup"] = "一组";
        using (var ok = await mine.PostFormAsync("disputes", "", fields)) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var filed = Assert.Single((await mine.GetJsonAsync("api/disputes/mine")).EnumerateArray());
        var id = filed.GetProperty("id").GetInt32();
        Assert.Equal("resident", filed.GetProperty("source").GetString());

        // The resident who gave their own group is the applicant under their account's name.
        var parties = (await admin.GetJsonAsync($"api/disputes/{id}")).GetProperty("parties").EnumerateArray().ToList();
        Assert.Equal(["居民" + resident.UserName, "王五"], parties.Select(p => p.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(["申请人", "对方当事人"], parties.Select(p => p.GetProperty("role").GetString()!).ToArray());
        Assert.Equal(["一组", "二组"], parties.Select(p => p.GetProperty("villageGroup").GetString()!).ToArray());
        Assert.Contains("村民小组:二组", await HtmlAsync(admin, $"admin/disputes/{id}"));
        // The resident's own views carry no party data beyond what they already had.
        var own = (await mine.GetJsonAsync($"api/disputes/{id}")).GetProperty("parties").EnumerateArray().ToList();
        Assert.All(own, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("villageGroup").ValueKind));
        Assert.DoesNotContain("二组", await HtmlAsync(mine, $"disputes/mine/{id}"));
    }

    [Fact]
    public async Task AGridWorkersReportIsFiledAsFromTheGrid()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var worker = await township.CreateUserAsync("GridWorker");
        using var grid = township.As(worker.Token);

        Assert.Matches("<option (selected=\"selected\" value=\"grid\"|value=\"grid\" selected=\"selected\")>网格员上报</option>", await HtmlAsync(grid, "disputes"));
        var fields = WalkIn("排水沟堵塞");
        fields.Remove("Input.Source");
        fields.Remove("Input.Village");
        using (var ok = await grid.PostFormAsync("disputes", "", fields)) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var item = Assert.Single((await admin.GetJsonAsync("api/disputes")).GetProperty("items").EnumerateArray().ToList());
        var stored = await admin.GetJsonAsync($"api/disputes/{item.GetProperty("id").GetInt32()}");
        Assert.Equal("grid", stored.GetProperty("source").GetString());
        Assert.Equal(["三组", "五组"], stored.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("villageGroup").GetString()!).ToArray());
    }

    [Fact]
    public async Task StaffCompleteThePartiesGroupsOnTheCasePageAndTheScreeningFollows()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using (var r = await admin.PostJsonAsync("api/mediation/mediators", new { name = "赵调解", type = "专职", specialties = new[] { "邻里纠纷" }, villageGroup = "三组" }))
            await r.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await ReportAsync(admin, Report(source: "hotline"))).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");

        var page = await HtmlAsync(admin, $"admin/disputes/{id}");
        var ids = Regex.Matches(page, "name=\"Input.Groups\\[(\\d+)\\]\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, ids.Count);
        var entries = (await admin.GetJsonAsync($"api/disputes/{id}")).Timeline().Count();
        string[] Groups(JsonElement c) => [.. c.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("villageGroup").GetString() ?? "")];

        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "groups", [$"Input.Groups[{ids[0]}]"] = new string('组', 51), [$"Input.Groups[{ids[1]}]"] = "五组" }))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            AssertErrorBeside(await r.Content.ReadAsStringAsync(CT), $"Input.Groups[{ids[0]}]", "村民小组不能超过 50 个字符");
        }
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "groups", ["Input.Groups[999999]"] = "五组" }))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Contains("本案没有这位当事人", await r.Content.ReadAsStringAsync(CT));
        }
        var unchanged = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal(["", ""], Groups(unchanged));
        Assert.Equal(entries, unchanged.Timeline().Count());

        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "groups", [$"Input.Groups[{ids[0]}]"] = "三组", [$"Input.Groups[{ids[1]}]"] = " 五组 " }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var saved = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal(["三组", "五组"], Groups(saved));
        var entry = saved.Timeline().Last();
        Assert.Equal("party-groups", entry.GetProperty("kind").GetString());
        Assert.Equal("当事人村民小组:张三:未填 → 三组;李四:未填 → 五组", entry.GetProperty("note").GetString());
        Assert.False(entry.GetProperty("public").GetBoolean());
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());
        Assert.Contains("与当事人张三同村民小组(“三组”)", await HtmlAsync(admin, $"admin/disputes/{id}/mediator"));
        await ActAsync(admin, id, new { action = "assignMediator" }, HttpStatusCode.Conflict);

        // Saving the same values again writes nothing.
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "groups", [$"Input.Groups[{ids[0]}]"] = "三组", [$"Input.Groups[{ids[1]}]"] = "五组" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(saved.Timeline().Count(), (await admin.GetJsonAsync($"api/disputes/{id}")).Timeline().Count());

        // Two staff saving at once: each save that reports success wrote one chained entry, and the chain holds.
        var posts = await Task.WhenAll(new[] { "一组", "二组", "四组" }.Select(g =>
            admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "groups", [$"Input.Groups[{ids[0]}]"] = g })));
        var won = posts.Count(r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var r in posts.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Contains("案件刚被他人更新,请刷新后重试", await r.Content.ReadAsStringAsync(CT));
        }
        foreach (var r in posts) r.Dispose();
        Assert.True(won >= 1);
        var final = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal(saved.Timeline().Count() + won, final.Timeline().Count());
        Assert.Contains(Groups(final)[0], new[] { "一组", "二组", "四组" });
        Assert.True((await admin.GetJsonAsync($"api/disputes/{id}/verify")).GetProperty("valid").GetBoolean());
    }

    /// <summary>A resident's case that the village passes up and the township fails to mediate: the default workflow sends it to the county.</summary>
    private async Task<(HttpClient Admin, HttpClient Resident, HttpClient County, int CaseId, int ReferralId, string Township)> CaseHeldByTheCountyAsync()
    {
        var township = await Host.CreateTownshipAsync();
        var admin = await township.AsAdminAsync();
        var resident = await township.RegisterResidentAsync();
        var mine = township.As(resident.Token);
        var id = (await ReportAsync(mine, Report(source: "resident"))).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");
        await ActAsync(admin, id, new { action = "escalate", note = "涉及土地权属,村级无权处理" });
        await WaitForAsync(admin, id, c => c.Level() == "township");
        await ActAsync(admin, id, new { action = "accept" });
        await ActAsync(admin, id, new { action = "fail", note = "双方分歧较大,乡镇调解未成" });
        await WaitForAsync(admin, id, c => c.Level() == "county" && c.Timeline().Any(e => e.GetProperty("kind").GetString() == "county"));
        var county = await Host.AdminClientAsync();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var list = await county.GetJsonAsync($"api/county/disputes?township={township.Name}");
            if (list.GetProperty("total").GetInt32() > 0)
                return (admin, mine, county, id, Assert.Single(list.GetProperty("items").EnumerateArray().ToList()).GetProperty("id").GetInt32(), township.Name);
            if (watch.Elapsed > TimeSpan.FromSeconds(40)) Assert.Fail("the referral never reached the county inbox");
            await Task.Delay(150, CT);
        }
    }

    private static bool Offers(string page, string op) => page.Contains($"name=\"op\" value=\"{op}\"");

    [Fact]
    public async Task WhileTheCountyHoldsTheCaseTheCasePageSaysSoAndOffersOnlyWhatTheStateMachineTakes()
    {
        var (admin, mine, county, id, referralId, _) = await CaseHeldByTheCountyAsync();
        using var _a = admin; using var _m = mine; using var _c = county;

        var page = await HtmlAsync(admin, $"admin/disputes/{id}");
        Assert.Contains("id=\"county-hold\"", page);
        Assert.Contains("本案已上交县级平台,由县级处理。", page);
        Assert.Matches("县级受理状态</dt><dd class=\"col-8\" id=\"county-status\"><strong>待处理</strong>", page);
        Assert.Matches("id=\"county-referred\">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}<", page);
        Assert.Matches("id=\"county-deadline\">\\d{4}-\\d{2}-\\d{2}", page);
        Assert.Contains("案件由县级处理中;乡镇受理调处后才能登记调解协议。", page);
        var obligations = await HtmlAsync(admin, $"admin/disputes/{id}/obligations");
        Assert.DoesNotContain("保存协议与履行事项", obligations);
        Assert.Contains("案件已上交,由县级处理中;受理调处后才能登记调解协议与履行事项。", obligations);

        // Every action the page leaves out is one the state machine refuses now (409), and nothing changes.
        var before = await admin.GetJsonAsync($"api/disputes/{id}");
        string[] refused = ["resolve", "fail", "escalate", "close", "revisit", "agreement"];
        foreach (var op in refused)
        {
            Assert.False(Offers(page, op), $"the page offers {op} while the county holds the case");
            await ActAsync(admin, id, new { action = op, satisfaction = 5, terms = "一、……" }, HttpStatusCode.Conflict);
        }
        var after = await admin.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal(before.GetProperty("status").GetString(), after.GetProperty("status").GetString());
        Assert.Equal(before.Timeline().Count(), after.Timeline().Count());
        // … and the ones it offers are taken: an internal note through the page's own form, grading, pausing.
        foreach (var op in new[] { "note", "accept", "pause", "classify" }) Assert.True(Offers(page, op), $"the page does not offer {op}");
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "note", ["Input.Note"] = "已电话告知当事人案件在县级处理" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains((await admin.GetJsonAsync($"api/disputes/{id}")).Timeline(), e => e.GetProperty("note").GetString() == "已电话告知当事人案件在县级处理");
        await ActAsync(admin, id, new { action = "classify", grade = "yellow" });

        // The resident reads a plain status, not the internal note.
        Assert.Contains("已上报县级处理", await HtmlAsync(mine, "disputes/mine"));
        var own = await HtmlAsync(mine, $"disputes/mine/{id}");
        Assert.Contains("状态:<strong>已上报县级处理</strong>", own);
        Assert.Matches("id=\"county-deadline\">县级办理期限:\\d{4}-\\d{2}-\\d{2}<", own);
        Assert.DoesNotContain("承诺办结期限", own);
        Assert.DoesNotContain("已电话告知", own);
        Assert.DoesNotContain("county-outcome", own);

        // The county accepts: the township sees 处理中, still no settling buttons.
        using (var r = await county.PostJsonAsync($"api/county/disputes/{referralId}/actions", new { action = "accept" })) await r.ShouldBeAsync(HttpStatusCode.OK);
        await WaitForAsync(admin, id, c => c.Timeline().Any(e => e.GetProperty("note").GetString() is { } n && n.StartsWith("县级平台:已受理")));
        page = await HtmlAsync(admin, $"admin/disputes/{id}");
        Assert.Matches("id=\"county-status\"><strong>处理中</strong>", page);
        Assert.False(Offers(page, "escalate") || Offers(page, "resolve") || Offers(page, "close"));

        // The county's outcome comes back: the hold ends, the answer is shown, and closing and the return visit are offered.
        using (var r = await county.PostJsonAsync($"api/county/disputes/{referralId}/actions", new { action = "litigation", note = "属人民法院受理范围,请当事人向县人民法院起诉" }))
            await r.ShouldBeAsync(HttpStatusCode.OK);
        await WaitForAsync(admin, id, c => c.GetProperty("status").GetString() == "answered");
        page = await HtmlAsync(admin, $"admin/disputes/{id}");
        Assert.DoesNotContain("id=\"county-hold\"", page);
        Assert.Matches("id=\"county-status\"><strong>已办结</strong>", page);
        Assert.Matches("id=\"county-answer\">[^<]*县级答复:<strong>引导诉讼</strong>", page);
        Assert.True(Offers(page, "close") && Offers(page, "revisit") && Offers(page, "note"));
        Assert.False(Offers(page, "accept") || Offers(page, "escalate") || Offers(page, "resolve"));

        Assert.Contains("已答复", await HtmlAsync(mine, "disputes/mine"));
        own = await HtmlAsync(mine, $"disputes/mine/{id}");
        Assert.Contains("状态:<strong>已答复</strong>", own);
        Assert.DoesNotContain("county-deadline", own);
        Assert.Contains("县级处理结果:引导诉讼:属人民法院受理范围,请当事人向县人民法院起诉", own);
    }

    [Fact]
    public async Task ADeclinedReferralGoesBackToTheTownshipWhoseButtonsReturn()
    {
        var (admin, mine, county, id, referralId, _) = await CaseHeldByTheCountyAsync();
        using var _a = admin; using var _m = mine; using var _c = county;

        using (var r = await county.PostJsonAsync($"api/county/disputes/{referralId}/actions", new { action = "decline", note = "属于乡镇职权范围,请乡镇继续调处" }))
            await r.ShouldBeAsync(HttpStatusCode.OK);
        await WaitForAsync(admin, id, c => c.Timeline().Any(e => e.GetProperty("note").GetString() is { } n && n.Contains("不予受理")));

        var page = await HtmlAsync(admin, $"admin/disputes/{id}");
        Assert.DoesNotContain("id=\"county-hold\"", page);
        Assert.Contains("县级不予受理,案件退回乡镇继续办理。", page);
        Assert.True(Offers(page, "accept"));
        Assert.Contains("县级退回,由乡镇继续办理", await HtmlAsync(mine, $"disputes/mine/{id}"));
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "accept" })) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        page = await HtmlAsync(admin, $"admin/disputes/{id}");
        Assert.True(Offers(page, "resolve") && Offers(page, "agreement"));
        Assert.Contains("保存协议与履行事项", await HtmlAsync(admin, $"admin/disputes/{id}/obligations"));
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "resolve" })) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("resolved", (await admin.GetJsonAsync($"api/disputes/{id}")).GetProperty("status").GetString());
    }
}

public sealed class PartyGroupAndCountyViewTests_Sqlite(SqliteHost host) : PartyGroupAndCountyViewTests(host);

public sealed class PartyGroupAndCountyViewTests_Postgres(PostgresHost host) : PartyGroupAndCountyViewTests(host);
