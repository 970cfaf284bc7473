using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>
/// Townships share one host but not their people: the demo recipes give both demo townships a "jumin",
/// 孙阿福 in 横街镇 (hengjie) and 田桂芳 in 西长安街街道 (xichangan).
/// </summary>
public sealed class TenantIsolationTests(BrowserHost host) : BrowserTest(host)
{
    private const string Password = BrowserHost.DemoPassword;

    private static ILocator Account(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "账号" });

    [Fact]
    public async Task The_same_user_name_in_two_townships_is_two_people_each_signed_in_only_where_they_signed_in()
    {
        await SignInAsync(Page, "hengjie/", "jumin", Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/hengjie/$"));
        await Expect(Account(Page)).ToContainTextAsync("孙阿福");
        await Expect(Account(Page).GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();

        // A visitor loading the same page right after (public pages are cached) never sees jumin's name.
        var visitor = await NewPageAsync();
        await visitor.GotoAsync("hengjie/");
        await Expect(Account(visitor).GetByRole(AriaRole.Link, new() { Name = "登录", Exact = true })).ToBeVisibleAsync();
        await Expect(Account(visitor)).Not.ToContainTextAsync("孙阿福");

        // The hengjie session means nothing in xichangan.
        await Page.GotoAsync("xichangan/");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("欢迎来到西长安街街道");
        await Expect(Account(Page).GetByRole(AriaRole.Link, new() { Name = "登录", Exact = true })).ToBeVisibleAsync();
        await Expect(Account(Page)).Not.ToContainTextAsync("孙阿福");
        await Expect(Account(Page).GetByRole(AriaRole.Button, new() { Name = "退出" })).ToHaveCountAsync(0);

        // Signing in there as "jumin" is xichangan's jumin.
        await SignInAsync(Page, "xichangan/", "jumin", Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/xichangan/$"));
        await Expect(Account(Page)).ToContainTextAsync("田桂芳");
        await Expect(Account(Page)).Not.ToContainTextAsync("孙阿福");

        // Back in hengjie, the hengjie session is untouched.
        await Page.GotoAsync("hengjie/");
        await Expect(Account(Page)).ToContainTextAsync("孙阿福");
        await Expect(Account(Page)).Not.ToContainTextAsync("田桂芳");
    }

    [Fact]
    public async Task An_admin_session_of_xichangan_does_not_open_the_admin_pages_of_hengjie()
    {
        await SignInAsync(Page, "xichangan/", "admin", Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/xichangan/admin$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "概览", Level = 1 })).ToBeVisibleAsync();

        await Page.GotoAsync("hengjie/admin");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/hengjie/account/login\?ReturnUrl="));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "概览" })).ToHaveCountAsync(0);

        // Even xichangan's ticket presented under hengjie's cookie name is refused.
        var cookies = await Page.Context.CookiesAsync();
        var ticket = cookies.Where(c => c.Name.StartsWith("zz.auth.xichangan", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ticket);
        await Page.Context.AddCookiesAsync(ticket.Select(c => new Cookie
        {
            Name = c.Name.Replace("zz.auth.xichangan", "zz.auth.hengjie", StringComparison.Ordinal),
            Value = c.Value,
            Domain = c.Domain,
            Path = "/",
            HttpOnly = true,
        }));
        await Page.GotoAsync("hengjie/admin/users");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/hengjie/account/login\?ReturnUrl="));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "用户" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_resident_who_opens_the_admin_pages_is_denied_and_never_sees_the_back_office()
    {
        await SignInAsync(Page, "hengjie/", "jumin", Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/hengjie/$"));
        // A resident is offered no way into the back office.
        await Expect(Account(Page).GetByRole(AriaRole.Link, new() { Name = "后台" })).ToHaveCountAsync(0);

        foreach (var path in new[] { "admin", "admin/villages", "admin/notices", "admin/users", "admin/roles", "admin/settings" })
        {
            await Page.GotoAsync("hengjie/" + path);
            await Expect(Page).ToHaveURLAsync(new Regex(@"/hengjie/account/(login|denied)"));
            await Expect(Page.Locator("body.zz-admin")).ToHaveCountAsync(0);
            if (Page.Url.Contains("/account/denied", StringComparison.Ordinal))
                await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "没有权限" })).ToBeVisibleAsync();
        }
        await Screenshots.TakeAsync(Page, "hengjie-resident-denied");
    }
}
