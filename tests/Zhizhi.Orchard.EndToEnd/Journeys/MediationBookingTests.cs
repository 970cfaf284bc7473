using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>
/// 调解室预约 (issue 6): a resident books a mediation on a phone, the mediator confirms it. The room is
/// opened by the administrator for this test alone, and the resident registers afresh, so that no other
/// journey (or a rerun) can take the slot or see the booking.
/// </summary>
public sealed class MediationBookingTests(BrowserHost host) : BrowserTest(host)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_resident_books_a_free_slot_on_a_phone_sees_it_pending_and_then_confirmed_by_the_mediator_and_the_slot_shows_as_taken()
    {
        var roomName = "测试调解室" + Names.Suffix();
        var mediatorName = "调解员" + Names.Suffix();
        await OpenRoomAsync(roomName, mediatorName);

        // A new resident, on a phone-sized screen.
        var resident = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = Phone });
        await RegisterResidentAsync(resident);

        await resident.GotoAsync("hengjie/mediation");
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "调解室与品牌工作室", Level = 1 })).ToBeVisibleAsync();
        await AssertFitsThePhoneAsync(resident, "/hengjie/mediation");
        await resident.GetByRole(AriaRole.Link, new() { Name = roomName, Exact = true }).ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = roomName, Level = 1 })).ToBeVisibleAsync();
        await AssertFitsThePhoneAsync(resident, "the room page");

        // The last free slot of the week.
        var free = resident.Locator("input[name='Input.Start']");
        await Expect(free.First).ToBeAttachedAsync();
        var slot = free.Last;
        var slotId = (await slot.GetAttributeAsync("id"))!;
        var start = DateTimeOffset.Parse((await slot.GetAttributeAsync("value"))!, CultureInfo.InvariantCulture);
        await resident.Locator($"label[for='{slotId}']").ClickAsync();
        await Expect(resident.Locator("#" + slotId)).ToBeCheckedAsync();
        await resident.GetByLabel("纠纷类别").SelectOptionAsync("邻里纠纷");
        await resident.GetByLabel("对方当事人").FillAsync("隔壁邻居");
        await resident.GetByLabel("简要说明").FillAsync("邻居家空调外机滴水到我家阳台,想请调解员帮忙协商。");
        await resident.GetByRole(AriaRole.Button, new() { Name = "预约所选时段" }).ClickAsync();

        // My bookings: the code, and "waiting for confirmation".
        await Expect(resident).ToHaveURLAsync(new Regex("/hengjie/mediation/bookings$"));
        var notice = resident.Locator("main").GetByRole(AriaRole.Status);
        await Expect(notice).ToContainTextAsync(new Regex("预约码 [A-Z0-9]{8}"));
        var code = Regex.Match(await notice.InnerTextAsync(), "预约码 ([A-Z0-9]{8})").Groups[1].Value;
        var booking = resident.Locator("main li").Filter(new() { HasText = code });
        await Expect(booking).ToContainTextAsync(roomName);
        await Expect(booking).ToContainTextAsync(start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await Expect(booking).ToContainTextAsync("待确认");
        // The booking reserved the room's mediator too, and carries a code to invite the other party.
        await Expect(booking).ToContainTextAsync("调解员:" + mediatorName);
        await Expect(booking).ToContainTextAsync(new Regex("邀请码 [A-Z0-9]{8}"));
        await AssertFitsThePhoneAsync(resident, "/hengjie/mediation/bookings");

        // The mediator confirms it from the booking inbox.
        var staff = await SignedInPageAsync("hengjie/", "tiaojie", BrowserHost.DemoPassword);
        await staff.GotoAsync("hengjie/admin/mediation/bookings");
        var row = staff.GetByRole(AriaRole.Row).Filter(new() { HasText = code });
        await Expect(row).ToContainTextAsync(roomName);
        await Expect(row).ToContainTextAsync("待确认");
        await Expect(row).ToContainTextAsync(mediatorName);
        await row.GetByRole(AriaRole.Button, new() { Name = "确认", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToHaveTextAsync("已确认");
        await Expect(row).ToHaveCountAsync(0);
        await staff.GotoAsync("hengjie/admin/mediation/bookings?status=confirmed");
        await Expect(row).ToContainTextAsync("已确认");

        // The resident sees it confirmed.
        await resident.ReloadAsync();
        await Expect(booking).ToContainTextAsync("已确认");
        await Expect(booking).Not.ToContainTextAsync("待确认");

        // The room page no longer offers the slot: it shows it as taken.
        await resident.GotoAsync("hengjie/mediation");
        await resident.GetByRole(AriaRole.Link, new() { Name = roomName, Exact = true }).ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = roomName, Level = 1 })).ToBeVisibleAsync();
        await Expect(resident.Locator("#" + slotId)).ToHaveCountAsync(0);
        var day = resident.Locator("fieldset").Filter(new() { Has = resident.Locator("legend", new() { HasText = start.ToString("M月d日", CultureInfo.InvariantCulture) }) });
        await Expect(day.GetByText(start.ToString("HH:mm", CultureInfo.InvariantCulture) + " 已约")).ToBeVisibleAsync();
        await AssertFitsThePhoneAsync(resident, "the room page after booking");
        await Screenshots.TakeAsync(resident, "hengjie-mediation-room-phone");
        await Axe.AssertNoSeriousViolationsAsync(resident, "the room page with a taken slot (phone)");
    }

    /// <summary>The administrator opens a room with one mediator, every day 09:00-17:00, so that the coming week has free slots.</summary>
    private async Task OpenRoomAsync(string roomName, string mediatorName)
    {
        var admin = await SignedInPageAsync("hengjie/", "admin", BrowserHost.DemoPassword);
        await admin.GotoAsync("hengjie/admin/mediation");
        var form = admin.Locator("form").Filter(new() { Has = admin.GetByRole(AriaRole.Button, new() { Name = "新增", Exact = true }) });
        await form.GetByLabel("名称", new() { Exact = true }).FillAsync(roomName);
        await form.GetByLabel("地址", new() { Exact = true }).FillAsync("镇综治中心三楼");
        await form.GetByLabel("邻里纠纷", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("周六", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("周日", new() { Exact = true }).CheckAsync();
        await form.Locator("textarea[name='Input.Mediators']").FillAsync(mediatorName + ",乡贤");
        await form.GetByRole(AriaRole.Button, new() { Name = "新增", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已新增“{roomName}”");
    }

    private static async Task RegisterResidentAsync(IPage page)
    {
        await page.GotoAsync("hengjie/account/register");
        var form = page.Locator("main form");
        await form.GetByLabel("用户名").FillAsync("jumin-" + Names.Random(6));
        await form.GetByLabel("姓名").FillAsync("预约居民" + Names.Suffix());
        await form.GetByLabel("手机号").FillAsync("139" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture));
        await form.GetByLabel("密码").FillAsync("Good-Pass-2026");
        await form.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/hengjie/$"));
    }

    private static async Task AssertFitsThePhoneAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{what} scrolls sideways on a phone: {widths[0]}px wide in a {widths[1]}px window");
    }
}
