using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Obligations;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Reminders;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Tests.Mediation;
using static Zhizhi.Orchard.Tests.Mediation.MediationHelpers;
using Zhizhi.Orchard.Workflows.Data;
using static Zhizhi.Orchard.Tests.Disputes.DisputeHelpers;

namespace Zhizhi.Orchard.Tests.Notifications;

/// <summary>
/// 我的通知: one inbox over the modules' own notices (booking reminders, workflow "通知", dispute reminders), each
/// person seeing only what is addressed to them, with read state per person, safe under parallel requests.
/// </summary>
public abstract class NotificationInboxTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task<JsonElement> InboxAsync(HttpClient client, string query = "") => await client.GetJsonAsync("api/notifications" + query);

    private static JsonElement[] Items(JsonElement inbox) => [.. inbox.GetProperty("items").EnumerateArray()];

    private static int Unread(JsonElement inbox) => inbox.GetProperty("unread").GetInt32();

    /// <summary>Polls the inbox until it holds <paramref name="count"/> items (notices arrive through the outbox).</summary>
    private static async Task<JsonElement> WaitForItemsAsync(HttpClient client, int count, int seconds = 60)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var inbox = await InboxAsync(client);
            if (Items(inbox).Length >= count) return inbox;
            if (watch.Elapsed > TimeSpan.FromSeconds(seconds)) Assert.Fail($"the inbox never held {count} items: {inbox}");
            await Task.Delay(150, CT);
        }
    }

    private static async Task<JsonElement> MarkAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostJsonAsync("api/notifications/read", body);
        if (expected != HttpStatusCode.OK) return await response.ShouldBeProblemAsync(expected);
        await response.ShouldBeAsync(expected);
        return await response.JsonAsync();
    }

    /// <summary>A workflow whose one step is a "通知" to <paramref name="recipients"/>, run once by the township admin.</summary>
    private static async Task<string> NotifyAsync(HttpClient admin, string text, params string[] recipients)
    {
        var id = "notify-" + Names.Random(6);
        var definition = new
        {
            id, name = "通知测试", enabled = true,
            activities = new object[]
            {
                new { id = "start", type = "Start" },
                new { id = "tell", type = "Notify", properties = new { text, recipients } },
                new { id = "end", type = "Finish" },
            },
            transitions = new[] { new { from = "start", outcome = "Done", to = "tell" }, new { from = "tell", outcome = "Done", to = "end" } },
            startActivities = new[] { "start" },
        };
        using (var created = await admin.PostJsonAsync("api/workflows", definition)) await created.ShouldBeAsync(HttpStatusCode.Created);
        using var started = await admin.PostJsonAsync($"api/workflows/{id}/instances", new { input = new { }, correlationId = "N-" + id });
        await started.ShouldBeAsync(HttpStatusCode.Created);
        return (await started.JsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<T> InScopeAsync<T>(TestTownship township, Func<IServiceProvider, Task<T>> work)
    {
        var t = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(t);
        return await work(scope.ServiceProvider);
    }

    /// <summary>A confirmed booking starting within the hour, reminded by the sweeper: the resident's booking reminder.</summary>
    private async Task BookingReminderAsync(TestTownship township, HttpClient admin, HttpClient resident)
    {
        var room = new
        {
            name = "提醒调解室", address = "镇综治中心", specialties = new[] { "邻里纠纷" }, slotMinutes = 10,
            openingHours = Enumerable.Range(1, 7).Select(d => new { dayOfWeek = d, start = "00:00", end = "23:50" }).ToArray(),
            mediators = new[] { new { name = "值班调解员", type = "专职" } },
        };
        int roomId;
        using (var created = await admin.PostJsonAsync("api/mediation/rooms", room))
        {
            await created.ShouldBeAsync(HttpStatusCode.Created);
            roomId = (await created.JsonAsync()).GetProperty("id").GetInt32();
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, MediationHelpers.Shanghai));
        var slots = await resident.GetJsonAsync($"api/mediation/rooms/{roomId}/slots?from={today:yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}");
        var start = slots.EnumerateArray().First(s => s.GetProperty("available").GetBoolean()
            && DateTimeOffset.Parse(s.GetProperty("start").GetString()!) > DateTimeOffset.UtcNow.AddMinutes(2)).GetProperty("start").GetString()!;
        var booking = await resident.BookAsync(roomId, start);
        using (var confirm = await admin.PostJsonAsync($"api/mediation/bookings/{booking.GetProperty("id").GetInt32()}/confirm", null))
            await confirm.ShouldBeAsync(HttpStatusCode.OK);
        var sweeper = Host.Services.GetRequiredService<ReminderSweeper>();
        var t = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        Assert.Equal(1, await InScopeAsync(township, sp => sweeper.SweepAsync(sp.GetRequiredService<MediationDbContext>(), t, CT)));
    }

    /// <summary>
    /// A case assigned by rule to a staff member at village level, reminded before its deadline. The case names its
    /// assignee (承办人) by display name, which is what the reminder is addressed to.
    /// </summary>
    private async Task<int> DisputeReminderAsync(TestTownship township, HttpClient admin, TestUser staff)
    {
        var displayName = "工作人员" + staff.UserName; // as TestTownship.CreateUserAsync names them
        using (var rule = await admin.PostJsonAsync("api/disputes/assignment-rules", new { level = "village", assignee = staff.UserName, displayName }))
            await rule.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        var c = await WaitForAsync(admin, id, x => x.Level() == "village");
        Assert.Equal(displayName, c.GetProperty("assignee").GetString());
        using (var put = await admin.PutAsJsonAsync("api/disputes/settings/reminders", new { reminderBefore = "PT1H" }, CT)) await put.ShouldBeAsync(HttpStatusCode.OK);
        var deadline = c.GetProperty("deadline").GetDateTimeOffset().UtcDateTime;
        Assert.Equal(1, await InScopeAsync(township, sp => sp.GetRequiredService<DeadlineReminders>().RunAsync(deadline.AddMinutes(-30), CT)));
        return id;
    }

    [Fact]
    public async Task AResidentAndAStaffMemberEachSeeExactlyTheirOwnNoticesInOneList()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var resident = await township.RegisterResidentAsync();
        using var asResident = township.As(resident.Token);
        var staff = await township.CreateUserAsync("GridWorker");
        using var asStaff = township.As(staff.Token);
        var bystander = await township.CreateUserAsync("Mediator");
        using var asBystander = township.As(bystander.Token);

        await BookingReminderAsync(township, admin, asResident);
        var instanceId = await NotifyAsync(admin, "网格巡查发现新矛盾,请跟进", staff.UserName);
        var caseId = await DisputeReminderAsync(township, admin, staff);

        var mine = await WaitForItemsAsync(asResident, 1);
        var booking = Assert.Single(Items(mine));
        Assert.Equal("mediation", booking.GetProperty("source").GetString());
        Assert.Equal("调解预约", booking.GetProperty("sourceName").GetString());
        Assert.Equal("调解预约提醒", booking.GetProperty("title").GetString());
        Assert.Contains("提醒调解室", booking.GetProperty("text").GetString());
        Assert.Equal($"/{township.Name}/mediation/bookings", booking.GetProperty("link").GetString());
        Assert.False(booking.GetProperty("read").GetBoolean());
        Assert.Equal(1, Unread(mine));

        var theirs = await WaitForItemsAsync(asStaff, 2);
        var items = Items(theirs);
        Assert.Equal(2, items.Length);
        Assert.Equal(2, Unread(theirs));
        // Newest first: the reminder was written after the workflow's notice.
        Assert.Equal(["disputes", "workflows"], items.Select(i => i.GetProperty("source").GetString()));
        Assert.Equal("到期提醒", items[0].GetProperty("title").GetString());
        Assert.Equal($"/{township.Name}/admin/disputes/{caseId}", items[0].GetProperty("link").GetString());
        Assert.Equal("网格巡查发现新矛盾,请跟进", items[1].GetProperty("text").GetString());
        // A grid worker does not manage workflows: the instance page is not theirs to open.
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("link").ValueKind);
        Assert.True(items[0].GetProperty("createdAt").GetDateTimeOffset() >= items[1].GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(8), items[0].GetProperty("createdAt").GetDateTimeOffset().Offset);

        // Filter by source; unread only.
        Assert.Equal("workflows", Assert.Single(Items(await InboxAsync(asStaff, "?source=workflows"))).GetProperty("source").GetString());
        Assert.Equal(2, Items(await InboxAsync(asStaff, "?unread=true")).Length);

        // Nobody else sees them; the admin (not named) sees none of the three either.
        Assert.Empty(Items(await InboxAsync(asBystander)));
        Assert.Equal(0, Unread(await InboxAsync(asBystander)));
        Assert.Empty(Items(await InboxAsync(admin)));

        // The page and the header badge, for the resident and the staff member.
        var residentPage = await asResident.GetStringAsync("notifications", CT);
        Assert.Contains("我的通知", residentPage);
        Assert.Contains("调解预约提醒", residentPage);
        Assert.Contains("data-unread-count=\"1\"", residentPage);
        Assert.DoesNotContain("网格巡查发现新矛盾", residentPage);
        var staffPage = await asStaff.GetStringAsync("notifications", CT);
        Assert.Contains("网格巡查发现新矛盾", staffPage);
        Assert.Contains("即将到期", staffPage);
        Assert.Contains("data-unread-count=\"2\"", staffPage);
        Assert.Contains("/admin/disputes/notifications", staffPage); // the module's own page, for staff
        Assert.DoesNotContain("调解预约提醒", staffPage);
        Assert.Contains("data-unread-count=\"2\"", await asStaff.GetStringAsync("admin/disputes", CT));
        // The modules' own inboxes still answer as before.
        Assert.Single((await asStaff.GetJsonAsync("api/workflows/notifications")).EnumerateArray());
        Assert.Single((await asStaff.GetJsonAsync("api/disputes/notifications")).EnumerateArray());
        Assert.Single((await asResident.GetJsonAsync("api/mediation/notifications")).EnumerateArray());

        // 查看 on the page marks the notice read and opens the case; someone else's notice opens nothing.
        var reminderKey = items[0].GetProperty("key").GetString()!;
        using (var stranger = await asResident.PostFormAsync("notifications", "?handler=Open", new() { ["key"] = reminderKey }))
        {
            Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
            Assert.EndsWith("/notifications", stranger.Headers.Location!.ToString());
        }
        Assert.Equal(2, Unread(await InboxAsync(asStaff)));
        Assert.Equal(1, Unread(await InboxAsync(asResident)));
        using (var open = await asStaff.PostFormAsync("notifications", "?handler=Open", new() { ["key"] = reminderKey }))
        {
            Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
            Assert.Equal($"/{township.Name}/admin/disputes/{caseId}", open.Headers.Location!.ToString());
        }
        Assert.Equal(1, Unread(await InboxAsync(asStaff)));
        Assert.True(Items(await InboxAsync(asStaff, "?source=disputes"))[0].GetProperty("read").GetBoolean());

        // The admin opens the instance the workflow's notice is about.
        var toAdmin = await NotifyAsync(admin, "管理员请审核", township.AdminUserName);
        var adminItem = Assert.Single(Items(await WaitForItemsAsync(admin, 1)));
        Assert.Equal($"/{township.Name}/admin/workflows/instances/{toAdmin}", adminItem.GetProperty("link").GetString());
        Assert.NotEqual(instanceId, toAdmin);
    }

    [Fact]
    public async Task MarkingReadLowersTheCountForThatPersonOnlyAndIgnoresOtherPeoplesNotices()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        var first = await township.CreateUserAsync("GridWorker");
        var second = await township.CreateUserAsync("GridWorker");
        using var asFirst = township.As(first.Token);
        using var asSecond = township.As(second.Token);
        await NotifyAsync(admin, "全体网格员:本周开展矛盾排查", "GridWorker");
        await NotifyAsync(admin, "只给第一位网格员", first.UserName);
        await NotifyAsync(admin, "给管理员", township.AdminUserName);

        var inbox = await WaitForItemsAsync(asFirst, 2);
        Assert.Equal(2, Unread(inbox));
        Assert.Equal(1, Unread(await WaitForItemsAsync(asSecond, 1)));
        var adminKey = Assert.Single(Items(await WaitForItemsAsync(admin, 1))).GetProperty("key").GetString()!;
        var roleNotice = Items(inbox).Single(i => i.GetProperty("text").GetString()!.StartsWith("全体"));
        var key = roleNotice.GetProperty("key").GetString()!;
        Assert.Equal("workflows:" + roleNotice.GetProperty("id").GetInt64(), key);

        // The role notice is read by the first grid worker: the second one still has it unread.
        var marked = await MarkAsync(asFirst, new { ids = new[] { key } });
        Assert.Equal(1, marked.GetProperty("marked").GetInt32());
        Assert.Equal(1, marked.GetProperty("unread").GetInt32());
        Assert.True(Items(await InboxAsync(asFirst)).Single(i => i.GetProperty("key").GetString() == key).GetProperty("read").GetBoolean());
        Assert.Equal(1, Unread(await InboxAsync(asSecond)));
        Assert.Single(Items(await InboxAsync(asFirst, "?unread=true")));

        // Someone else's notice is ignored, not revealed: nothing is marked, the admin's stays unread.
        Assert.Equal(0, (await MarkAsync(asFirst, new { ids = new[] { adminKey, "workflows:999999" } })).GetProperty("marked").GetInt32());
        Assert.Equal(1, Unread(await InboxAsync(admin)));

        // 全部标为已读.
        var all = await MarkAsync(asFirst, new { all = true });
        Assert.Equal(1, all.GetProperty("marked").GetInt32());
        Assert.Equal(0, all.GetProperty("unread").GetInt32());
        Assert.Empty(Items(await InboxAsync(asFirst, "?unread=true")));
        Assert.Equal(2, Items(await InboxAsync(asFirst)).Length);
        Assert.Equal(0, (await MarkAsync(asFirst, new { all = true, source = "workflows" })).GetProperty("marked").GetInt32());
        Assert.Equal(1, Unread(await InboxAsync(asSecond)));
        Assert.Equal(1, Unread(await InboxAsync(admin)));

        // The page's own button does the same for the second grid worker.
        using var page = await asSecond.GetAsync("notifications", CT);
        Assert.Contains("全部标为已读", await page.Content.ReadAsStringAsync(CT));
    }

    [Fact]
    public async Task ParallelMarkReadOfOneNoticeGivesNoErrorAndOneRow()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var staff = await township.CreateUserAsync("Mediator");
        using var asStaff = township.As(staff.Token);
        var resident = await township.RegisterResidentAsync();
        using var asResident = township.As(resident.Token);
        await NotifyAsync(admin, "请准备明天的调解", "Mediator");
        await BookingReminderAsync(township, admin, asResident);
        var workflowKey = Assert.Single(Items(await WaitForItemsAsync(asStaff, 1))).GetProperty("key").GetString()!;
        var bookingKey = Assert.Single(Items(await WaitForItemsAsync(asResident, 1))).GetProperty("key").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0
            ? asStaff.PostJsonAsync("api/notifications/read", new { ids = new[] { workflowKey } })
            : asStaff.PostJsonAsync("api/notifications/read", new { all = true })));
        var marked = 0;
        foreach (var response in responses)
        {
            await response.ShouldBeAsync(HttpStatusCode.OK);
            marked += (await response.JsonAsync()).GetProperty("marked").GetInt32();
            response.Dispose();
        }
        Assert.Equal(1, marked);
        var id = long.Parse(workflowKey.Split(':')[1]);
        Assert.Equal(1, await InScopeAsync(township, sp => sp.GetRequiredService<WorkflowsDbContext>().NotificationReads.CountAsync(r => r.NotificationId == id, CT)));
        Assert.Equal(0, Unread(await InboxAsync(asStaff)));

        // A resident's own row has its read time: of parallel requests one sets it.
        var residentResponses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => asResident.PostJsonAsync("api/notifications/read", new { ids = new[] { bookingKey } })));
        marked = 0;
        foreach (var response in residentResponses)
        {
            await response.ShouldBeAsync(HttpStatusCode.OK);
            marked += (await response.JsonAsync()).GetProperty("marked").GetInt32();
            response.Dispose();
        }
        Assert.Equal(1, marked);
        Assert.Equal(0, Unread(await InboxAsync(asResident)));
        Assert.True(Assert.Single((await asResident.GetJsonAsync("api/mediation/notifications")).EnumerateArray()).GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task BadInputIsRefusedInChineseAndChangesNothing()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        await NotifyAsync(admin, "请查收", township.AdminUserName);
        var key = Assert.Single(Items(await WaitForItemsAsync(admin, 1))).GetProperty("key").GetString()!;

        using (var r = await admin.GetAsync("api/notifications?source=nosuch", CT))
            Assert.Contains("nosuch", (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("source")[0]);
        // Mediation is not enabled in this township: its source is unknown here.
        using (var r = await admin.GetAsync("api/notifications?source=mediation", CT))
            await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var r = await admin.GetAsync("api/notifications?unread=maybe", CT))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("unread");
        (await MarkAsync(admin, new { }, HttpStatusCode.BadRequest)).FieldErrors("ids");
        (await MarkAsync(admin, new { ids = new[] { key }, all = true }, HttpStatusCode.BadRequest)).FieldErrors("ids");
        (await MarkAsync(admin, new { ids = new[] { "abc" } }, HttpStatusCode.BadRequest)).FieldErrors("ids");
        (await MarkAsync(admin, new { ids = new[] { key, "workflows:-1" } }, HttpStatusCode.BadRequest)).FieldErrors("ids");
        (await MarkAsync(admin, new { ids = new[] { key, "mediation:1" } }, HttpStatusCode.BadRequest)).FieldErrors("ids");
        (await MarkAsync(admin, new { all = true, source = "nosuch" }, HttpStatusCode.BadRequest)).FieldErrors("source");
        (await MarkAsync(admin, new { ids = Enumerable.Range(1, 501).Select(i => $"workflows:{i}").ToArray() }, HttpStatusCode.BadRequest)).FieldErrors("ids");
        using (var r = await admin.PostRawAsync("api/notifications/read", "{not json"))
            await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        // None of that marked anything.
        Assert.Equal(1, Unread(await InboxAsync(admin)));

        using var anonymous = township.Anonymous();
        using (var r = await anonymous.GetAsync("api/notifications", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using (var r = await anonymous.PostJsonAsync("api/notifications/read", new { all = true })) await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using (var r = await anonymous.GetAsync("notifications", CT))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Contains("account/login", r.Headers.Location!.ToString());
        }
        Assert.Equal(1, Unread(await InboxAsync(admin)));
    }

    [Fact]
    public async Task ATownshipWithoutMediationStillServesTheInbox()
    {
        var township = await Host.CreateTownshipAsync(features: ["LegalEducation"]);
        using var admin = await township.AsAdminAsync();
        var resident = await township.RegisterResidentAsync();
        using var asResident = township.As(resident.Token);
        var inbox = await InboxAsync(asResident);
        Assert.Empty(Items(inbox));
        Assert.Equal(0, Unread(inbox));
        Assert.Empty(inbox.GetProperty("sources").EnumerateArray());
        var page = await asResident.GetStringAsync("notifications", CT);
        Assert.Contains("暂无通知", page);
        Assert.Contains("data-unread-count=\"0\"", page);
        Assert.Contains("我的通知", await admin.GetStringAsync("admin", CT));
        Assert.Equal(0, (await MarkAsync(asResident, new { all = true })).GetProperty("marked").GetInt32());
    }

    [Fact]
    public async Task TheCountyAnswersTheInboxPathItselfSoNoTownshipMayBeNamedAfterIt()
    {
        using var county = await Host.AdminClientAsync();
        using (var r = await county.PostJsonAsync("api/tenants", new { name = "notifications", displayName = "通知镇", adminUserName = "admin", adminPassword = "Pw-notify-2026" }))
            await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        // The county administrator has an (empty) inbox at the host: no township feature runs there.
        var inbox = await county.GetJsonAsync("api/notifications");
        Assert.Empty(Items(inbox));
        Assert.Empty(inbox.GetProperty("sources").EnumerateArray());
    }

    [Fact]
    public async Task AUserOfOneTownshipNeverSeesAnotherTownshipsNotices()
    {
        var a = await Host.CreateTownshipAsync(features: ["Workflows"]);
        var b = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var adminA = await a.AsAdminAsync();
        using var adminB = await b.AsAdminAsync();
        await NotifyAsync(adminB, "乙镇管理员们请注意", "Administrator");
        await NotifyAsync(adminA, "甲镇的通知", "Administrator");
        var inA = Items(await WaitForItemsAsync(adminA, 1));
        var inB = Items(await WaitForItemsAsync(adminB, 1));
        Assert.Equal("甲镇的通知", Assert.Single(inA).GetProperty("text").GetString());
        Assert.Equal("乙镇管理员们请注意", Assert.Single(inB).GetProperty("text").GetString());

        // A's token is refused by B; A marking B's key (same id space, other database) changes nothing in B.
        using (var crossing = b.As(await a.AdminTokenAsync()))
        using (var r = await crossing.GetAsync("api/notifications", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await MarkAsync(adminA, new { ids = new[] { inB[0].GetProperty("key").GetString() } });
        Assert.Equal(1, Unread(await InboxAsync(adminB)));
    }
}

public sealed class NotificationInboxTests_Sqlite(SqliteHost host) : NotificationInboxTests(host);

public sealed class NotificationInboxTests_Postgres(PostgresHost host) : NotificationInboxTests(host);
