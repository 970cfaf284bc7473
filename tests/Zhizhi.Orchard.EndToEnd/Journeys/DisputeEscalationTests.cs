using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>
/// 矛盾纠纷 (issue 5 items 10 and 11): a case not settled in the village by its (shortened) deadline escalates to the
/// township by itself, which the staff list and the case timeline show; and the statistics dashboard draws its
/// charts on a phone.
/// </summary>
public sealed class DisputeEscalationTests(BrowserHost host) : BrowserTest(host)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static CancellationToken CT => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_case_not_settled_in_the_village_by_its_deadline_escalates_to_the_township()
    {
        // A township of its own whose routing is the default 三级调解 with an 8-second village deadline (the
        // township keeps P15D), so that the demo townships and the other journeys are untouched.
        var town = NewTownship.Unique();
        await SignInAsync(Page, "", BrowserHost.CountyAdmin, BrowserHost.CountyPassword);
        await CreateTownshipAsync(Page, town);
        using var api = new HttpClient { BaseAddress = new Uri(Host.BaseAddress, town.Name + "/") };
        using (var r = await api.PostAsJsonAsync("api/auth/token", new { userName = town.AdminUserName, password = town.AdminPassword }, CT))
        {
            r.EnsureSuccessStatusCode();
            var token = (await r.Content.ReadFromJsonAsync<JsonElement>(CT)).GetProperty("accessToken").GetString();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        var definition = JsonNode.Parse(await api.GetStringAsync("api/workflows/dispute-three-level", CT))!.AsObject();
        definition["id"] = "e2e-fast-village";
        definition["name"] = "三级调解(村级 8 秒)";
        var text = definition.ToJsonString().Replace("\"P7D\"", "\"PT8S\"", StringComparison.Ordinal);
        using (var r = await api.PostAsync("api/workflows", new StringContent(text, System.Text.Encoding.UTF8, "application/json"), CT))
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(CT));
        using (var r = await api.PutAsJsonAsync("api/disputes/settings", new { caseNoPrefix = "JS", workflowId = "e2e-fast-village" }, CT))
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(CT));

        // A walk-in case, as window staff file it; it starts at the village.
        var title = "宅基地界址争议" + Names.Suffix();
        string caseNo;
        using (var r = await api.PostAsJsonAsync("api/disputes", new { title, description = "两户对宅基地界址各执一词,请求调解。", category = "邻里纠纷", source = "walk-in" }, CT))
        {
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(CT));
            caseNo = (await r.Content.ReadFromJsonAsync<JsonElement>(CT)).GetProperty("caseNo").GetString()!;
        }

        var staff = await NewPageAsync();
        await SignInAsync(staff, town.Name + "/", town.AdminUserName, town.AdminPassword);
        var list = town.Name + "/admin/disputes?q=" + Uri.EscapeDataString(caseNo);
        await staff.GotoAsync(list);
        var row = staff.Locator("tbody tr").Filter(new() { Has = staff.GetByRole(AriaRole.Link, new() { Name = caseNo, Exact = true }) });
        // Level column: the village first, then (after the 8 s deadline and the sweeper's 1 s tick) the township.
        // Reload with a bounded wait: the list is a server-rendered page.
        var watch = Stopwatch.StartNew();
        while (!(await row.InnerTextAsync()).Contains("乡镇(街道)", StringComparison.Ordinal))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), $"the case did not reach the township within 40 s: {await row.InnerTextAsync()}");
            await Task.Delay(1000, CT);
            await staff.ReloadAsync();
        }
        await Expect(row).ToContainTextAsync("已上交");

        await row.GetByRole(AriaRole.Link, new() { Name = caseNo, Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        var escalation = staff.Locator("li").Filter(new() { HasText = "[乡镇(街道)]" }).Filter(new() { HasText = "上交" });
        await Expect(escalation.First).ToBeVisibleAsync();
        await Expect(escalation.First).ToContainTextAsync("期限届满");
        await Expect(staff.Locator("#chain-status")).ToContainTextAsync("哈希链完整");
    }

    [Fact]
    public async Task The_dispute_dashboard_draws_its_charts_on_a_phone()
    {
        var staff = await SignedInPageAsync("hengjie/", "tiaojie", BrowserHost.DemoPassword, new BrowserNewContextOptions { ViewportSize = Phone });
        await staff.GotoAsync("hengjie/admin/disputes");
        await staff.GetByRole(AriaRole.Link, new() { Name = "统计看板", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "纠纷统计看板", Level = 1 })).ToBeVisibleAsync();
        var dashboard = staff.Locator("[data-dashboard]");
        await Expect(dashboard).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(staff.Locator(".zz-chart canvas")).ToHaveCountAsync(6);
        // The demo's five cases (and any the other journeys filed meanwhile) are counted; the tables stay for screen readers.
        var total = int.Parse(await staff.Locator("[data-figure=total]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 5, $"the demo township has at least five cases, the dashboard says {total}");
        await Expect(staff.GetByRole(AriaRole.Table, new() { Name = "每月受理案件数" })).ToBeAttachedAsync();
        var widths = await staff.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the dashboard scrolls sideways on a phone: {widths[0]}px in {widths[1]}px");
        await Screenshots.TakeAsync(staff, "hengjie-dispute-dashboard-phone");
        await Axe.AssertNoSeriousViolationsAsync(staff, "/hengjie/admin/disputes/dashboard");

        // A village filter narrows it; a bad date is shown beside its field.
        await staff.GetByLabel("村(社区)").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await staff.GetByRole(AriaRole.Button, new() { Name = "统计" }).ClickAsync();
        await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("village="));
        await Expect(dashboard).ToHaveAttributeAsync("data-drawn", "true");
        var inVillage = int.Parse(await staff.Locator("[data-figure=total]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(inVillage <= total, $"one village has {inVillage} of {total} cases");
        await staff.GotoAsync("hengjie/admin/disputes/dashboard?from=2026-02-30");
        await Expect(staff.Locator("#from-error")).ToContainTextAsync("起始日期格式应为");
    }
}
