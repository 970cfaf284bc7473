using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>
/// 志愿积分与爱心超市 (issue 7): a volunteer signs up, checks in through the QR link the organiser shows (after
/// typing a wrong code), redeems an item; the clerk opens the redemption's QR link and fulfils it.
/// The volunteer, the activity and the item are made for this test alone, so that no other journey (or a
/// rerun) can fill the activity, empty the stock or spend the points.
/// </summary>
public sealed class VolunteerPointsTests(BrowserHost host) : BrowserTest(host)
{
    [Fact]
    public async Task A_volunteer_signs_up_checks_in_through_the_QR_link_earns_points_redeems_an_item_and_the_clerk_fulfils_it_from_its_QR_link()
    {
        var suffix = Names.Suffix();
        var userName = "zhiyuan-" + Names.Random(6);
        const string password = "Good-Pass-2026";
        var activity = "测试志愿巡逻" + suffix;
        var item = "测试毛巾" + suffix;

        // The administrator makes a volunteer, an activity worth 30 points and an item costing 20.
        var admin = await SignedInPageAsync("hengjie/", "admin", BrowserHost.DemoPassword);
        await admin.GotoAsync("hengjie/admin/users");
        var account = admin.Locator("form").Filter(new() { Has = admin.GetByRole(AriaRole.Button, new() { Name = "创建" }) });
        await account.GetByLabel("用户名").FillAsync(userName);
        await account.GetByLabel("姓名").FillAsync("测试志愿者" + suffix);
        await account.GetByLabel("手机号").FillAsync("138" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture));
        await account.GetByLabel("初始密码").FillAsync(password);
        await account.GetByLabel("志愿者", new() { Exact = true }).CheckAsync();
        await account.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已创建账号“{userName}”");

        // The activity starts in a few minutes, so that the on-site code works now.
        var now = DateTime.UtcNow.AddHours(8);
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Unspecified).AddMinutes(10);
        await admin.GotoAsync("hengjie/admin/volunteers");
        var publish = admin.Locator("form").Filter(new() { Has = admin.GetByRole(AriaRole.Button, new() { Name = "发布" }) });
        await publish.GetByLabel("活动名称").FillAsync(activity);
        await publish.GetByLabel("地点").FillAsync("镇综治中心集合");
        await publish.GetByLabel("开始").FillAsync(start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await publish.GetByLabel("结束").FillAsync(start.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await publish.GetByLabel("类型").SelectOptionAsync(new SelectOptionValue { Label = "治安巡逻" });
        await publish.GetByLabel("积分").FillAsync("30");
        await publish.GetByLabel("人数上限").FillAsync("5");
        await publish.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已发布活动“{activity}”");

        await admin.GotoAsync("hengjie/admin/exchange");
        var shelve = admin.Locator("form").Filter(new() { Has = admin.GetByRole(AriaRole.Button, new() { Name = "上架" }) });
        await shelve.GetByLabel("名称").FillAsync(item);
        await shelve.GetByLabel("所需积分").FillAsync("20");
        await shelve.GetByLabel("库存").FillAsync("3");
        await shelve.GetByRole(AriaRole.Button, new() { Name = "上架" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已上架“{item}”");

        // The volunteer signs up.
        var volunteer = await NewPageAsync();
        await SignInAsync(volunteer, "hengjie/", userName, password);
        await volunteer.GotoAsync("hengjie/volunteers");
        var card = volunteer.Locator("main li").Filter(new() { Has = volunteer.GetByRole(AriaRole.Heading, new() { Name = activity }) });
        await Expect(card).ToContainTextAsync("积分 30");
        await card.GetByRole(AriaRole.Button, new() { Name = "报名" }).ClickAsync();
        await Expect(volunteer.GetByRole(AriaRole.Status)).ToHaveTextAsync("报名成功,请准时参加");
        await Expect(card).ToContainTextAsync("已报名");
        await Expect(card).ToContainTextAsync("已报名 1 / 5");

        // The organiser shows the activity's code on site; the volunteer types it in (a wrong one first).
        await admin.GotoAsync("hengjie/admin/volunteers");
        var code6 = (await admin.GetByRole(AriaRole.Row).Filter(new() { HasText = activity }).Locator("[data-checkin-code]").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{6}$", code6);
        var wrong = code6 == "000000" ? "111111" : "000000";
        await card.GetByLabel("现场签到码").FillAsync(wrong);
        await card.GetByRole(AriaRole.Button, new() { Name = "签到" }).ClickAsync();
        await Expect(card).ToContainTextAsync("签到码不对");

        // Then scans the organiser's QR code instead: its link opens a form with the code filled in; confirming checks in.
        var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = activity });
        var qr = row.Locator("img[data-checkin-qr]");
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the check-in QR image did not load");
        var link = await row.Locator("a[data-checkin-url]").GetAttributeAsync("href");
        Assert.EndsWith($"/checkin?code={code6}", link);
        await volunteer.GotoAsync(link!);
        await Expect(volunteer.GetByLabel("现场签到码")).ToHaveValueAsync(code6);
        await volunteer.GetByRole(AriaRole.Button, new() { Name = "确认签到" }).ClickAsync();
        await Expect(volunteer.GetByRole(AriaRole.Status)).ToHaveTextAsync("签到成功,获得 30 积分");
        await Expect(card).ToContainTextAsync("已签到");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "签到" })).ToHaveCountAsync(0);

        // The service shows on the volunteer's printable certificate.
        await volunteer.GotoAsync("hengjie/volunteers/certificate");
        await Expect(volunteer.GetByRole(AriaRole.Row).Filter(new() { HasText = activity })).ToContainTextAsync("治安巡逻");
        await Expect(volunteer.Locator("main")).ToContainTextAsync("志愿服务积分 30 分");

        // The volunteer has 30 points and spends 20 of them.
        await volunteer.GotoAsync("hengjie/points");
        await Expect(volunteer.Locator("main")).ToContainTextAsync("当前积分:30");
        await Expect(volunteer.GetByRole(AriaRole.Row).Filter(new() { HasText = "+30" })).ToHaveCountAsync(1);

        await volunteer.GotoAsync("hengjie/exchange");
        var shelf = volunteer.Locator("main .zz-card").Filter(new() { Has = volunteer.GetByRole(AriaRole.Heading, new() { Name = item }) });
        await Expect(shelf).ToContainTextAsync("20 积分 · 库存 3");
        await shelf.GetByRole(AriaRole.Button, new() { Name = "兑换" }).ClickAsync();
        var notice = volunteer.GetByRole(AriaRole.Status);
        await Expect(notice).ToContainTextAsync(new Regex("兑换成功,兑换码 [A-Z0-9]{10}"));
        var code = Regex.Match(await notice.InnerTextAsync(), "兑换码 ([A-Z0-9]{10})").Groups[1].Value;
        await Expect(volunteer.Locator("main")).ToContainTextAsync("可用积分:10");
        await Expect(shelf).ToContainTextAsync("库存 2");
        var redemption = volunteer.GetByRole(AriaRole.Row).Filter(new() { HasText = code });
        await Expect(redemption).ToContainTextAsync(item);
        await Expect(redemption).ToContainTextAsync("待领取");
        var redemptionQr = redemption.Locator("img[data-redemption-qr]");
        await Expect(redemptionQr).ToBeVisibleAsync();
        Assert.True(await redemptionQr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the redemption QR image did not load");

        // The shop clerk scans it: the link fills the code in and names the redemption; the clerk confirms.
        var clerk = await SignedInPageAsync("hengjie/", "dianyuan", BrowserHost.DemoPassword);
        await clerk.GotoAsync($"hengjie/admin/exchange?code={code}");
        await Expect(clerk.GetByLabel("兑换码")).ToHaveValueAsync(code);
        await Expect(clerk.Locator($"[data-scanned='{code}']")).ToContainTextAsync(userName);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "发放" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已发放:{item}×1(兑换人 {userName})");
        await Expect(clerk.GetByRole(AriaRole.Row).Filter(new() { HasText = code })).ToContainTextAsync("已领取");

        // A second fulfilment of the same code is refused.
        await clerk.GetByLabel("兑换码").FillAsync(code);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "发放" }).ClickAsync();
        await Expect(clerk.Locator("main")).ToContainTextAsync("这个兑换码已领取或已取消");

        // The volunteer sees it fulfilled, and the balance reflects the redemption.
        await volunteer.ReloadAsync();
        await Expect(redemption).ToContainTextAsync("已领取");
        await Expect(redemption.GetByRole(AriaRole.Button, new() { Name = "取消" })).ToHaveCountAsync(0);
        await volunteer.GotoAsync("hengjie/points");
        await Expect(volunteer.Locator("main")).ToContainTextAsync("当前积分:10");
        await Expect(volunteer.GetByRole(AriaRole.Row).Filter(new() { HasText = "-20" })).ToHaveCountAsync(1);
    }
}
