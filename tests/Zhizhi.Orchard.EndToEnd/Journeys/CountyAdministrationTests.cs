using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>The county administrator (县级管理员) at "/": opening, disabling and enabling townships.</summary>
public sealed class CountyAdministrationTests(BrowserHost host) : BrowserTest(host)
{
    [Fact]
    public async Task County_admin_opens_a_new_township_through_the_form_and_its_own_admin_can_sign_in_there()
    {
        var town = NewTownship.Unique();

        await SignInAsync(Page, "", BrowserHost.CountyAdmin, BrowserHost.CountyPassword);
        await Expect(Page).ToHaveURLAsync(new Regex("/admin$"));
        await CreateTownshipAsync(Page, town);
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = town.DisplayName });
        await Expect(row).ToContainTextAsync("运行中");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = $"/{town.Name}/" })).ToBeVisibleAsync();

        // The new portal answers at once, under its own name; the county session does not sign anyone in there.
        await Page.GotoAsync(town.Name + "/");
        await Expect(Page).ToHaveTitleAsync(new Regex(Regex.Escape(town.DisplayName)));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("欢迎来到" + town.DisplayName);
        var account = Page.GetByRole(AriaRole.Navigation, new() { Name = "账号" });
        await Expect(account.GetByRole(AriaRole.Link, new() { Name = "登录", Exact = true })).ToBeVisibleAsync();

        // The township's own administrator signs in there and reaches its back office.
        await SignInAsync(Page, town.Name + "/", town.AdminUserName, town.AdminPassword);
        await Expect(Page).ToHaveURLAsync(new Regex($"/{town.Name}/admin$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "概览", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"{town.DisplayName} · 管理后台" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(Page, "new-township-admin");
    }

    [Fact]
    public async Task County_admin_disables_a_township_so_its_home_answers_404_and_enables_it_again()
    {
        var town = NewTownship.Unique();
        await SignInAsync(Page, "", BrowserHost.CountyAdmin, BrowserHost.CountyPassword);
        await CreateTownshipAsync(Page, town);

        var visitor = await NewPageAsync();
        var before = await visitor.GotoAsync(town.Name + "/");
        Assert.Equal(200, before!.Status);

        await Page.GotoAsync($"admin/townships/{town.Name}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(town.DisplayName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "停用该乡镇" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("乡镇已停用");
        await Expect(Page.Locator("main")).ToContainTextAsync("状态:已停用");
        await Screenshots.TakeAsync(Page, "county-admin-township-edit");

        var disabled = await visitor.GotoAsync(town.Name + "/");
        Assert.Equal(404, disabled!.Status);
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("404");
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync(town.DisplayName);

        await Page.GetByRole(AriaRole.Button, new() { Name = "恢复该乡镇" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("乡镇已恢复");
        await Expect(Page.Locator("main")).ToContainTextAsync("状态:运行中");

        var enabled = await visitor.GotoAsync(town.Name + "/");
        Assert.Equal(200, enabled!.Status);
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("欢迎来到" + town.DisplayName);
    }
}
