using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>A township administrator keeps the portal's content; visitors see it at once.</summary>
public sealed class TownshipContentTests(BrowserHost host) : BrowserTest(host)
{
    [Fact]
    public async Task Hengjie_admin_adds_a_village_and_publishes_a_notice_and_a_visitor_sees_both()
    {
        var village = "试点村" + Names.Suffix();
        var title = "测试动态:网格员入户走访" + Names.Suffix();
        var body = "本周各网格员入户走访,收集群众意见建议。";

        await SignInAsync(Page, "hengjie/", "admin", BrowserHost.DemoPassword);
        await Expect(Page).ToHaveURLAsync(new Regex("/hengjie/admin$"));

        await Page.GotoAsync("hengjie/admin/villages");
        var villageForm = Page.Locator("form").Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "新增" }) });
        await villageForm.GetByLabel("名称").FillAsync(village);
        await villageForm.GetByLabel("类型").SelectOptionAsync("社区");
        await villageForm.GetByLabel("网格数").FillAsync("7");
        await villageForm.GetByLabel("户数").FillAsync("321");
        await villageForm.GetByLabel("负责人").FillAsync("测试员");
        await villageForm.GetByLabel("电话").FillAsync("0574-88150000");
        await villageForm.GetByRole(AriaRole.Button, new() { Name = "新增" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已新增“{village}”");
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = village })).ToContainTextAsync("321");
        await Screenshots.TakeAsync(Page, "hengjie-admin-villages");

        await Page.GotoAsync("hengjie/admin/notices");
        await Page.GetByLabel("标题").FillAsync(title);
        await Page.GetByLabel("正文").FillAsync(body);
        await Page.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已发布");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(Page, "hengjie-admin-notices");

        // A visitor, not signed in.
        var visitor = await NewPageAsync();
        await visitor.GotoAsync("hengjie/villages");
        var card = visitor.Locator(".zz-card").Filter(new() { HasText = village });
        await Expect(card).ToContainTextAsync("社区");
        await Expect(card).ToContainTextAsync("网格 7 个 · 321 户");
        await Expect(card).ToContainTextAsync("负责人:测试员");

        await visitor.GotoAsync("hengjie/");
        var link = visitor.GetByRole(AriaRole.Link, new() { Name = title });
        await Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(visitor.Locator("article")).ToContainTextAsync(body);
    }
}
