using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>A resident (居民) signs up on the township portal.</summary>
public sealed class ResidentRegistrationTests(BrowserHost host) : BrowserTest(host)
{
    [Fact]
    public async Task A_resident_whose_password_is_too_weak_is_told_why_beside_the_field_then_registers_and_lands_signed_in_on_the_home_page()
    {
        var userName = "resident-" + Names.Random(6);
        var displayName = "测试居民" + Names.Suffix();

        await Page.GotoAsync("hengjie/account/register");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "居民注册" })).ToBeVisibleAsync();
        var form = Page.Locator("main form");
        await form.GetByLabel("用户名").FillAsync(userName);
        await form.GetByLabel("姓名").FillAsync(displayName);
        await form.GetByLabel("手机号").FillAsync("13900001234");
        await form.GetByLabel("密码").FillAsync("abc12");
        await form.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();

        // Still on the form, with a Chinese reason next to the password field, and nobody signed in.
        var passwordField = form.Locator("div").Filter(new() { Has = Page.GetByLabel("密码") });
        await Expect(passwordField.Locator("[data-valmsg-for='Input.Password']")).ToHaveTextAsync("密码至少需要 8 位");
        await Expect(Page).ToHaveURLAsync(new Regex("/hengjie/account/register$"));
        await Expect(form.GetByLabel("用户名")).ToHaveValueAsync(userName);
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "账号" }).GetByRole(AriaRole.Link, new() { Name = "登录", Exact = true })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(Page, "hengjie-register-error");

        // Nothing was created: the very same user name is still free.
        await form.GetByLabel("密码").FillAsync("Good-Pass-2026");
        await form.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/hengjie/$"));
        var account = Page.GetByRole(AriaRole.Navigation, new() { Name = "账号" });
        await Expect(account).ToContainTextAsync(displayName);
        await Expect(account.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("欢迎来到横街镇");
    }
}
