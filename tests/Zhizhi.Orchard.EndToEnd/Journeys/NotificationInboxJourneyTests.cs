using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>我的通知: the header badge tells a signed-in person that something is new; the inbox page lets them read it all.</summary>
public sealed class NotificationInboxJourneyTests(BrowserHost host) : BrowserTest(host)
{
    /// <summary>Stores workflow notices as a "通知" activity's delivery would, addressed to <paramref name="recipients"/>.</summary>
    private async Task NoticeAsync(string township, string recipients, params string[] texts)
    {
        var found = Host.Services.GetRequiredService<ITownshipManager>().Find(township)!;
        await using var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(found);
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        foreach (var text in texts)
            db.Notifications.Add(new WorkflowNotification
            {
                MessageId = Guid.NewGuid(), InstanceId = "e2e" + Names.Random(8), Text = text, Recipients = recipients,
                CreatedAt = DateTime.UtcNow,
            });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_resident_opens_the_inbox_from_the_header_badge_and_marks_everything_read()
    {
        var userName = "notice-" + Names.Random(6);
        const string password = "Notice-Pass-2026";
        using (var client = new HttpClient { BaseAddress = Host.BaseAddress })
        using (var registered = await client.PostAsJsonAsync("hengjie/api/auth/register",
                   new { userName, password, displayName = "通知居民" + Names.Suffix(), phone = "13900004321" }, TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await NoticeAsync("hengjie", userName, "请于周五前补交调解材料", "您反映的占道问题已受理");
        await NoticeAsync("hengjie", "someone-else", "别人的通知");

        await SignInAsync(Page, "hengjie/", userName, password);
        var account = Page.GetByRole(AriaRole.Navigation, new() { Name = "账号" });
        var badge = account.GetByRole(AriaRole.Link, new() { Name = "我的通知,2 条未读" });
        await Expect(badge).ToBeVisibleAsync();
        await Expect(badge).ToContainTextAsync("2");
        await badge.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/hengjie/notifications$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "我的通知" })).ToBeVisibleAsync();
        var list = Page.GetByRole(AriaRole.List, new() { Name = "通知列表" });
        await Expect(list.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(list).ToContainTextAsync("请于周五前补交调解材料");
        await Expect(list).ToContainTextAsync("您反映的占道问题已受理");
        await Expect(list).Not.ToContainTextAsync("别人的通知");
        // A resident is pointed at their bookings, not at the back office's workflow notices.
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "调解预约", Exact = true }).Last).ToHaveAttributeAsync("href", "/hengjie/mediation/bookings");
        await Expect(Page.Locator("a[href$='/admin/workflows/notifications']")).ToHaveCountAsync(0);
        await Expect(list.GetByText("未读", new() { Exact = true })).ToHaveCountAsync(2);
        await Screenshots.TakeAsync(Page, "hengjie-notifications-unread");
        await Axe.AssertNoSeriousViolationsAsync(Page, "/hengjie/notifications (brand theme, unread badge)");

        await Page.GetByRole(AriaRole.Button, new() { Name = "全部标为已读" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("已将 2 条通知标为已读");
        await Expect(list.GetByText("未读", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(list.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(account.GetByRole(AriaRole.Link, new() { Name = "我的通知", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "全部标为已读" })).ToHaveCountAsync(0);

        // On a phone the inbox reads top to bottom without sideways scrolling.
        await Page.SetViewportSizeAsync(390, 844);
        await Page.GotoAsync("hengjie/notifications");
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }

    [Fact]
    public async Task The_badge_and_the_inbox_pass_axe_in_the_default_theme_and_the_back_office()
    {
        var resident = await SignedInPageAsync("xichangan/", "jumin", BrowserHost.DemoPassword);
        await resident.GotoAsync("xichangan/notifications");
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "我的通知" })).ToBeVisibleAsync();
        await Expect(resident.GetByRole(AriaRole.Navigation, new() { Name = "账号" }).Locator("a.zz-bell")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(resident, "/xichangan/notifications (default theme)");

        var admin = await SignedInPageAsync("hengjie/", "admin", BrowserHost.DemoPassword);
        await admin.GotoAsync("hengjie/admin");
        var bell = admin.Locator("header a.zz-bell");
        await Expect(bell).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(admin, "/hengjie/admin (back office, inbox link)");
        await bell.ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/hengjie/notifications"));
    }
}
