using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>
/// 矛盾纠纷 issue 5 item 5: a case 横街镇 could not settle reaches the county platform's inbox; the county
/// administrator accepts it and records 化解, and 横街镇's mediator sees the county's answer on the case page.
/// </summary>
public sealed class CountyInboxJourneyTests(BrowserHost host) : BrowserTest(host)
{
    [Fact]
    public async Task The_county_accepts_a_case_hengjie_escalated_records_its_resolution_and_hengjie_sees_it()
    {
        var staff = await SignedInPageAsync("hengjie/", "tiaojie", BrowserHost.DemoPassword);
        var title = "山林界址争议" + Names.Suffix();
        var id = await EscalateToCountyAsync(staff.APIRequest, title);

        await SignInAsync(Page, "", BrowserHost.CountyAdmin, BrowserHost.CountyPassword);
        await Page.GotoAsync("admin");
        await Page.GetByRole(AriaRole.Link, new() { Name = "上交纠纷收件箱" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "上交纠纷收件箱", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByLabel("乡镇(街道)").SelectOptionAsync("hengjie");
        await Page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        // The referral comes through 横街镇's outbox: reload until it is there.
        for (var i = 0; i < 40 && await row.CountAsync() == 0; i++)
        {
            await Page.WaitForTimeoutAsync(500);
            await Page.ReloadAsync();
        }
        await Expect(row).ToContainTextAsync("待处理");
        await Axe.AssertNoSeriousViolationsAsync(Page, "/admin/county/disputes");
        await row.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(Page.Locator("#referral-reason")).ToContainTextAsync("双方对界址各执一词");
        await Expect(Page.Locator("#referral-tried")).ToContainTextAsync("乡镇(街道)");
        await Axe.AssertNoSeriousViolationsAsync(Page, "/admin/county/disputes/{id}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已登记“受理”,结果将回传乡镇");
        await Page.GetByRole(AriaRole.Button, new() { Name = "化解", Exact = true }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Note']")).ToHaveTextAsync("化解情况不能为空");
        await Page.GetByLabel(new Regex("^办理意见")).FillAsync("县林业局现场勘界,双方签订界址确认书");
        await Page.GetByRole(AriaRole.Button, new() { Name = "化解", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已登记“化解”,结果将回传乡镇");
        await Expect(Page.Locator("#referral-status")).ToContainTextAsync("已办结");
        await Screenshots.TakeAsync(Page, "county-inbox-referral-resolved");

        // 横街镇's mediator sees the county's answer once it has come back through the county's outbox.
        await staff.GotoAsync($"hengjie/admin/disputes/{id}");
        for (var i = 0; i < 40 && await staff.Locator("#county-answer").CountAsync() == 0; i++)
        {
            await staff.WaitForTimeoutAsync(500);
            await staff.ReloadAsync();
        }
        await Expect(staff.Locator("#county-answer")).ToContainTextAsync("化解");
        await Expect(staff.Locator("#county-answer")).ToContainTextAsync("双方签订界址确认书");
        await Expect(staff.Locator("main")).ToContainTextAsync("县级平台:化解");
        await Expect(staff.Locator("#chain-status")).ToContainTextAsync("哈希链完整");
        await Axe.AssertNoSeriousViolationsAsync(staff, "/hengjie/admin/disputes/{id} (county answer)");
        await Screenshots.TakeAsync(staff, "hengjie-case-answered-by-county");
    }

    /// <summary>Files a walk-in case through 横街镇's API and lets the village and the township fail to settle it.</summary>
    private static async Task<int> EscalateToCountyAsync(IAPIRequestContext api, string title)
    {
        var token = await JsonAsync(await api.PostAsync("hengjie/api/auth/token", new() { DataObject = new { userName = "tiaojie", password = BrowserHost.DemoPassword } }));
        var headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token.GetProperty("accessToken").GetString() };
        var created = await JsonAsync(await api.PostAsync("hengjie/api/disputes", new()
        {
            Headers = headers,
            DataObject = new { title, description = "两村村民对山林界址有争议,多次协商未果。", category = "土地/山林权属", source = "walk-in", parties = new[] { new { name = "赵大", phone = "13811112222" } } },
        }));
        var id = created.GetProperty("id").GetInt32();
        async Task WaitForLevelAsync(string level)
        {
            for (var i = 0; i < 80; i++)
            {
                var c = await JsonAsync(await api.GetAsync($"hengjie/api/disputes/{id}", new() { Headers = headers }));
                if (c.GetProperty("level").ValueKind == JsonValueKind.String && c.GetProperty("level").GetString() == level) return;
                await Task.Delay(250);
            }
            Assert.Fail($"the case never reached level {level}");
        }
        async Task ActAsync(object body) => await JsonAsync(await api.PostAsync($"hengjie/api/disputes/{id}/actions", new() { Headers = headers, DataObject = body }));
        await WaitForLevelAsync("village");
        await ActAsync(new { action = "escalate", note = "涉及两村,村级无法调处" });
        await WaitForLevelAsync("township");
        await ActAsync(new { action = "accept" });
        await ActAsync(new { action = "fail", note = "双方对界址各执一词,乡镇调解未成" });
        await WaitForLevelAsync("county");
        return id;
    }

    private static async Task<JsonElement> JsonAsync(IAPIResponse response)
    {
        Assert.True(response.Ok, $"{response.Url} answered {response.Status}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }
}
