using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>
/// 矛盾纠纷 (issue 5): a resident reports a dispute on a phone, the mediator accepts it, records the agreement and
/// settles and closes it from the 待办 list, and the resident rates the outcome. A fresh resident keeps the
/// journey independent of the demo cases and of reruns.
/// </summary>
public sealed class DisputeJourneyTests(BrowserHost host) : BrowserTest(host)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_resident_reports_a_dispute_the_mediator_settles_it_with_an_agreement_and_the_resident_rates_it()
    {
        var resident = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = Phone });
        await RegisterResidentAsync(resident);
        var title = "楼上漏水" + Names.Suffix();

        await resident.GotoAsync("hengjie/disputes");
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "反映矛盾纠纷", Level = 1 })).ToBeVisibleAsync();
        var form = resident.Locator("main form");
        await form.GetByLabel("简要标题").FillAsync(title);
        await form.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Expect(form.Locator("[data-valmsg-for='Input.Category']")).ToHaveTextAsync("纠纷类别不能为空");
        await Axe.AssertNoSeriousViolationsAsync(resident, "/hengjie/disputes (resident, with an error)");
        await form.GetByLabel("纠纷类别").SelectOptionAsync("邻里纠纷");
        await form.GetByLabel("纠纷情况").FillAsync("楼上卫生间漏水到我家天花板,多次协商未果,请村里帮忙调解。");
        await form.GetByLabel("对方当事人(选填)").FillAsync("楼上住户");
        await form.GetByLabel("对方所在村民小组(选填)").FillAsync("六组");
        await form.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        var notice = resident.GetByRole(AriaRole.Status);
        await Expect(notice).ToContainTextAsync(new Regex(@"编号 [A-Z0-9]+-\d{4}-\d{6}"));
        var caseNo = Regex.Match(await notice.InnerTextAsync(), @"编号 ([A-Z0-9]+-\d{4}-\d{6})").Groups[1].Value;
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(resident.Locator("main")).ToContainTextAsync("已上报");
        var widths = await resident.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the case page scrolls sideways on a phone: {widths[0]}px in {widths[1]}px");

        // The mediator finds it in 待办, accepts it, records the agreement, settles and closes it.
        var staff = await SignedInPageAsync("hengjie/", "tiaojie", BrowserHost.DemoPassword);
        // Staff see the same form as a walk-in entry: source, applicant and both parties' 村民小组.
        await staff.GotoAsync("hengjie/disputes");
        await Expect(staff.GetByLabel("申请人村民小组")).ToBeVisibleAsync();
        await Expect(staff.GetByLabel("来源")).ToHaveValueAsync("walk-in");
        await Axe.AssertNoSeriousViolationsAsync(staff, "/hengjie/disputes (mediator)");
        await staff.GotoAsync("hengjie/admin/disputes?q=" + Uri.EscapeDataString(caseNo));
        await staff.GetByRole(AriaRole.Link, new() { Name = caseNo, Exact = true }).ClickAsync();
        await Expect(staff.Locator("#chain-status")).ToContainTextAsync("哈希链完整");
        // The other party's 村民小组 from the resident's form is on the staff case page (conflict screening uses it).
        await Expect(staff.Locator("li.party").Filter(new() { HasText = "楼上住户" })).ToContainTextAsync("村民小组:六组");
        await Expect(staff.GetByRole(AriaRole.Button, new() { Name = "保存协议" })).ToHaveCountAsync(0);
        await Expect(staff.GetByLabel("楼上住户 的村民小组")).ToHaveValueAsync("六组");
        await Axe.AssertNoSeriousViolationsAsync(staff, "/hengjie/admin/disputes/{id} (mediator)");
        await staff.GetByRole(AriaRole.Button, new() { Name = "受理调处" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToHaveTextAsync("已受理");
        await staff.GetByLabel("协议条款").FillAsync("一、楼上住户于七日内修复卫生间防水层;\n二、赔偿天花板修补费用 400 元。");
        await staff.GetByLabel("申请司法确认").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "保存协议" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToHaveTextAsync("调解协议已保存");
        await staff.GetByRole(AriaRole.Button, new() { Name = "调解成功" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToHaveTextAsync("已登记调解成功");
        await staff.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToHaveTextAsync("已办结");
        await Expect(staff.Locator("main")).ToContainTextAsync("已申请司法确认");

        var agreement = await staff.Context.NewPageAsync();
        await agreement.GotoAsync(staff.Url + "/agreement");
        await Expect(agreement.GetByRole(AriaRole.Heading, new() { Name = "人民调解协议书" })).ToBeVisibleAsync();
        await Expect(agreement.Locator("body")).ToContainTextAsync("400 元");
        await Expect(agreement.Locator("#parties")).ToContainTextAsync("六组");

        // The resident sees it closed and rates it.
        await resident.ReloadAsync();
        await Expect(resident.Locator("main")).ToContainTextAsync("已办结");
        await resident.GetByLabel("5 分").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Status)).ToHaveTextAsync("感谢您的评价!");
        await Expect(resident.Locator("main")).ToContainTextAsync("您的评价:5 分");
        await Screenshots.TakeAsync(resident, "hengjie-dispute-rated-phone");
    }

    private static async Task RegisterResidentAsync(IPage page)
    {
        await page.GotoAsync("hengjie/account/register");
        var form = page.Locator("main form");
        await form.GetByLabel("用户名").FillAsync("jumin-" + Names.Random(6));
        await form.GetByLabel("姓名").FillAsync("反映居民" + Names.Suffix());
        await form.GetByLabel("手机号").FillAsync("139" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture));
        await form.GetByLabel("密码").FillAsync("Good-Pass-2026");
        await form.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/hengjie/$"));
    }
}
