using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Mediation.Contracts;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Reminders;
using Zhizhi.Orchard.Tests.Infrastructure;
using static Zhizhi.Orchard.Tests.Mediation.MediationHelpers;

namespace Zhizhi.Orchard.Tests.Mediation;

/// <summary>Mediators, the working calendar in rooms, the staff's day (check-in, outcome), changes by residents, reminders.</summary>
public abstract class MediationWorkTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object DailyRoom(string name, string[]? mediators = null) => new
    {
        name,
        address = "镇综治中心",
        specialties = new[] { "邻里纠纷", "婚姻家庭" },
        slotMinutes = 10,
        openingHours = Enumerable.Range(1, 7).Select(d => new { dayOfWeek = d, start = "00:00", end = "23:50" }).ToArray(),
        mediators = (mediators ?? ["值班调解员"]).Select(m => new { name = m, type = "专职" }).ToArray(),
    };

    /// <summary>The first free slot of a room in the next three days (a room open every day: within the hour).</summary>
    private static async Task<string> NextSlotAsync(HttpClient client, int roomId)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Shanghai));
        var slots = await client.GetJsonAsync($"api/mediation/rooms/{roomId}/slots?from={today:yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}");
        return slots.EnumerateArray().First(s => s.GetProperty("available").GetBoolean()
            && DateTimeOffset.Parse(s.GetProperty("start").GetString()!) > DateTimeOffset.UtcNow.AddMinutes(2)).GetProperty("start").GetString()!;
    }

    private async Task<T> WithDbAsync<T>(TestTownship township, Func<MediationDbContext, Task<T>> work)
    {
        var found = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(found);
        return await work(scope.ServiceProvider.GetRequiredService<MediationDbContext>());
    }

    private async Task<List<T>> EventsAsync<T>(TestTownship township) where T : class
        => await WithDbAsync(township, async db =>
        {
            var type = OutboxExtensions.EventTypeName(typeof(T));
            var payloads = await db.Set<OutboxMessage>().Where(m => m.Type == type).Select(m => m.Payload).ToListAsync(CT);
            return payloads.Select(p => (T)OutboxExtensions.Deserialize(p, typeof(T))!).ToList();
        });

    private static async Task<HttpStatusCode[]> InParallelAsync(IReadOnlyList<HttpClient> clients, int count, Func<int, object> body)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(i => clients[i % clients.Count].PostJsonAsync("api/mediation/bookings", body(i))));
        try
        {
            return [.. responses.Select(r => r.StatusCode)];
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task TwoHundredParallelRequestsForOneSlotOrOneMediatorYieldOneBooking()
    {
        var township = await Host.CreateTownshipAsync();
        var residents = new List<TestUser>();
        for (var i = 0; i < 4; i++) residents.Add(await township.RegisterResidentAsync());
        var clients = residents.Select(r => township.As(r.Token)).ToList();
        try
        {
            var room = await township.CreateRoomAsync();
            var slot = await InParallelAsync(clients, 200, _ => Booking(room, At(FutureMonday(), 14)));
            Assert.DoesNotContain(slot, s => (int)s >= 500);
            Assert.Single(slot, s => s == HttpStatusCode.Created);
            Assert.All(slot.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));

            // Four rooms served by one mediator only: the same hour in different rooms is one mediator's hour.
            var rooms = new List<int>();
            for (var i = 0; i < 4; i++) rooms.Add(await township.CreateRoomAsync(WithMediators(Room($"村调解室{i}"), ["独一调解员"])));
            var mediator = await township.CreateRoomAsync(WithMediators(Room("另一间"), ["独一调解员"]));
            var busy = await InParallelAsync(clients, 200, i => Booking(rooms[i % rooms.Count], At(FutureMonday(), 15)));
            Assert.DoesNotContain(busy, s => (int)s >= 500);
            Assert.Single(busy, s => s == HttpStatusCode.Created);
            Assert.All(busy.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
            using var admin = await township.AsAdminAsync();
            var booked = (await admin.GetJsonAsync("api/mediation/bookings")).EnumerateArray().Where(b => b.GetProperty("start").GetString() == At(FutureMonday(), 15)).ToList();
            Assert.Single(booked);
            Assert.Equal("独一调解员", booked[0].GetProperty("mediatorName").GetString());
            Assert.Equal(5, (await admin.GetJsonAsync($"api/mediation/mediators?roomId={mediator}")).EnumerateArray().Single().GetProperty("roomIds").GetArrayLength());
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    private static object WithMediators(object room, string[] names)
    {
        var json = JsonSerializer.SerializeToNode(room)!.AsObject();
        json["mediators"] = JsonSerializer.SerializeToNode(names.Select(n => new { name = n, type = "乡贤" }).ToArray());
        return json;
    }

    [Fact]
    public async Task AMediatorIsNotDoubleBookedAcrossRoomsWithDifferentSlotLengths()
    {
        var township = await Host.CreateTownshipAsync();
        var hourRoom = await township.CreateRoomAsync(WithMediators(Room("一小时室"), ["邓火坚"]));
        var halfRoom = Room("半小时室");
        var half = JsonSerializer.SerializeToNode(halfRoom)!.AsObject();
        half["slotMinutes"] = 30;
        var halfId = await township.CreateRoomAsync(WithMediators(half, ["邓火坚"]));
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        var monday = FutureMonday();

        var first = await client.BookAsync(hourRoom, At(monday, 10));
        Assert.Equal("邓火坚", first.GetProperty("mediatorName").GetString());
        using (var overlap = await client.PostJsonAsync("api/mediation/bookings", Booking(halfId, At(monday, 10, 30))))
            await overlap.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("邓火坚", (await client.BookAsync(halfId, At(monday, 11))).GetProperty("mediatorName").GetString());

        // Cancelling gives the mediator's time back.
        using (var cancel = await client.PostJsonAsync($"api/mediation/bookings/{first.GetProperty("id").GetInt32()}/cancel", null)) await cancel.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("邓火坚", (await client.BookAsync(halfId, At(monday, 10, 30))).GetProperty("mediatorName").GetString());
    }

    [Fact]
    public async Task TheMediatorIsChosenBySpecialtyAndLoadAndStaffCanReassignOrMarkThemAway()
    {
        var township = await Host.CreateTownshipAsync();
        var room = await township.CreateRoomAsync(WithMediators(Room("综合调解室"), []));
        using var admin = await township.AsAdminAsync();
        async Task<int> AddMediatorAsync(string name, string type, string[] specialties)
        {
            using var r = await admin.PostJsonAsync("api/mediation/mediators", new { name, type, specialties, roomIds = new[] { room } });
            await r.ShouldBeAsync(HttpStatusCode.Created);
            return (await r.JsonAsync()).GetProperty("id").GetInt32();
        }
        var family = await AddMediatorAsync("张大姐", "五老", ["婚姻家庭"]);
        var neighbours1 = await AddMediatorAsync("李调解员", "专职", ["邻里纠纷"]);
        var neighbours2 = await AddMediatorAsync("王律师", "律师", ["邻里纠纷"]);
        using (var bad = await admin.PostJsonAsync("api/mediation/mediators", new { name = "", type = "保安", specialties = new[] { "打架" }, roomIds = new[] { 999 } }))
        {
            var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.FieldErrors("name");
            problem.FieldErrors("type");
            problem.FieldErrors("specialties");
            problem.FieldErrors("roomIds");
        }
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        var monday = FutureMonday();

        using (var r = await client.PostJsonAsync("api/mediation/bookings", Booking(room, At(monday, 9), category: "婚姻家庭")))
            Assert.Equal(family, (await r.JsonAsync()).GetProperty("mediatorId").GetInt32());
        var second = await client.BookAsync(room, At(monday, 10));
        var third = await client.BookAsync(room, At(monday, 11));
        // Both neighbour specialists are picked in turn: the less loaded one first.
        Assert.Equal([neighbours1, neighbours2], new[] { second, third }.Select(b => b.GetProperty("mediatorId").GetInt32()).Order());

        // Away on Monday afternoon: not chosen then, and they cannot be marked away over a booking they hold.
        using (var away = await admin.PostJsonAsync($"api/mediation/mediators/{neighbours1}/absences", new { start = At(monday, 13), end = At(monday, 17), reason = "培训" }))
            await away.ShouldBeAsync(HttpStatusCode.Created);
        using (var over = await admin.PostJsonAsync($"api/mediation/mediators/{neighbours2}/absences", new { start = At(monday, 8), end = At(monday, 12) }))
            await over.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var afternoon = await client.BookAsync(room, At(monday, 14));
        Assert.NotEqual(neighbours1, afternoon.GetProperty("mediatorId").GetInt32());
        var afternoonId = afternoon.GetProperty("id").GetInt32();
        using (var reassignAway = await admin.PostJsonAsync($"api/mediation/bookings/{afternoonId}/mediator", new { mediatorId = neighbours1 }))
            await reassignAway.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var target = afternoon.GetProperty("mediatorId").GetInt32() == family ? neighbours2 : family;
        using (var reassign = await admin.PostJsonAsync($"api/mediation/bookings/{afternoonId}/mediator", new { mediatorId = target }))
        {
            await reassign.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal(target, (await reassign.JsonAsync()).GetProperty("mediatorId").GetInt32());
        }
        using (var unknown = await admin.PostJsonAsync($"api/mediation/bookings/{afternoonId}/mediator", new { mediatorId = 9999 }))
            (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("mediatorId");
        using (var forbidden = await client.PostJsonAsync($"api/mediation/bookings/{afternoonId}/mediator", new { mediatorId = family }))
            await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RoomsCloseOnTheTownshipsHolidaysAndOpenOnMakeUpWorkdaysOnlyIfTheySaySo()
    {
        var township = await Host.CreateTownshipAsync();
        var monday = FutureMonday();
        using var admin = await township.AsAdminAsync();
        using (var holiday = await admin.PostJsonAsync("api/portal/calendar", new { date = $"{monday.AddDays(1):yyyy-MM-dd}", kind = "holiday", name = "本地节日" }))
            await holiday.ShouldBeAsync(HttpStatusCode.Created);
        using (var makeUp = await admin.PostJsonAsync("api/portal/calendar", new { date = $"{monday.AddDays(5):yyyy-MM-dd}", kind = "workday", name = "调休上班" }))
            await makeUp.ShouldBeAsync(HttpStatusCode.Created);
        var plain = await township.CreateRoomAsync();
        var open = JsonSerializer.SerializeToNode(Room("调休也开门"))!.AsObject();
        open["openOnMakeUpWorkdays"] = true;
        var eager = await township.CreateRoomAsync(open);
        using var anonymous = township.Anonymous();
        var week = $"from={monday:yyyy-MM-dd}&to={monday.AddDays(6):yyyy-MM-dd}";

        var plainSlots = await anonymous.GetJsonAsync($"api/mediation/rooms/{plain}/slots?{week}");
        var eagerSlots = await anonymous.GetJsonAsync($"api/mediation/rooms/{eager}/slots?{week}");

        static string[] Days(JsonElement slots) => [.. slots.EnumerateArray().Select(s => s.GetProperty("start").GetString()![..10]).Distinct()];
        Assert.Equal(4 * 8, plainSlots.GetArrayLength());
        Assert.DoesNotContain($"{monday.AddDays(1):yyyy-MM-dd}", Days(plainSlots));
        Assert.DoesNotContain($"{monday.AddDays(5):yyyy-MM-dd}", Days(plainSlots));
        Assert.Equal(5 * 8, eagerSlots.GetArrayLength());
        Assert.Contains(At(monday.AddDays(5), 9), eagerSlots.EnumerateArray().Select(s => s.GetProperty("start").GetString()));

        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        using (var onHoliday = await client.PostJsonAsync("api/mediation/bookings", Booking(plain, At(monday.AddDays(1), 9))))
            Assert.Contains("节假日", (await onHoliday.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("start")[0]);
        using (var onMakeUp = await client.PostJsonAsync("api/mediation/bookings", Booking(plain, At(monday.AddDays(5), 9))))
            await onMakeUp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await client.BookAsync(eager, At(monday.AddDays(5), 9));
    }

    [Fact]
    public async Task StaffCheckInAndRecordTheOutcomeWhichIsPublishedAndCountsInTheStudiosRecord()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var room = (await (await admin.PostJsonAsync("api/mediation/rooms", DailyRoom("金牌调解工作室"))).JsonAsync()).GetProperty("id").GetInt32();
        var resident = await township.RegisterResidentAsync();
        var staffUser = await township.CreateUserAsync("Mediator");
        using var client = township.As(resident.Token);
        using var staff = township.As(staffUser.Token);
        var soon = await client.BookAsync(room, await NextSlotAsync(client, room));
        var id = soon.GetProperty("id").GetInt32();

        using (var early = await staff.PostJsonAsync($"api/mediation/bookings/{id}/check-in", null)) await early.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var notYet = await staff.PostJsonAsync($"api/mediation/bookings/{id}/outcome", new { outcome = "settled" })) await notYet.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var confirm = await staff.PostJsonAsync($"api/mediation/bookings/{id}/confirm", null)) await confirm.ShouldBeAsync(HttpStatusCode.OK);
        using (var self = await client.PostJsonAsync($"api/mediation/bookings/{id}/check-in", null)) await self.ShouldBeAsync(HttpStatusCode.Forbidden);
        using (var checkIn = await staff.PostJsonAsync($"api/mediation/bookings/{id}/check-in", null))
        {
            await checkIn.ShouldBeAsync(HttpStatusCode.OK);
            Assert.NotEqual(JsonValueKind.Null, (await checkIn.JsonAsync()).GetProperty("checkedInAt").ValueKind);
        }
        using (var twice = await staff.PostJsonAsync($"api/mediation/bookings/{id}/check-in", null)) await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var bad = await staff.PostJsonAsync($"api/mediation/bookings/{id}/outcome", new { outcome = "win", note = new string('x', 1001) }))
        {
            var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.FieldErrors("outcome");
            problem.FieldErrors("note");
        }
        using (var outcome = await staff.PostJsonAsync($"api/mediation/bookings/{id}/outcome", new { outcome = "settled", note = "双方达成协议,赔偿 400 元" }))
        {
            await outcome.ShouldBeAsync(HttpStatusCode.OK);
            var body = await outcome.JsonAsync();
            Assert.Equal("completed", body.GetProperty("status").GetString());
            Assert.Equal("调解成功", body.GetProperty("outcomeText").GetString());
        }
        using (var again = await staff.PostJsonAsync($"api/mediation/bookings/{id}/outcome", new { outcome = "not_settled" })) await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var published = Assert.Single(await EventsAsync<BookingOutcomeRecorded>(township));
        Assert.Equal(id, published.BookingId);
        Assert.Equal("settled", published.Outcome);
        Assert.Equal("金牌调解工作室", published.RoomName);
        Assert.Equal("值班调解员", published.MediatorName);
        Assert.Equal("双方达成协议,赔偿 400 元", published.Note);

        var record = (await client.GetJsonAsync($"api/mediation/rooms/{room}")).GetProperty("record");
        Assert.Equal(1, record.GetProperty("handled").GetInt32());
        Assert.Equal(1.0, record.GetProperty("successRate").GetDouble());
        Assert.Contains("成功率", await client.GetStringAsync($"mediation/rooms/{room}", CT));
        var stats = (await admin.GetJsonAsync("api/stats")).GetProperty("bookings");
        Assert.Equal(1, stats.GetProperty("held").GetInt32());
    }

    [Fact]
    public async Task AMissedBookingIsMarkedNoShowOnceItsTimeHasPassed()
    {
        var township = await Host.CreateTownshipAsync();
        var room = await township.CreateRoomAsync();
        var resident = await township.RegisterResidentAsync();
        var staffUser = await township.CreateUserAsync("Mediator");
        using var client = township.As(resident.Token);
        using var staff = township.As(staffUser.Token);
        var id = (await client.BookAsync(room, At(FutureMonday(), 9))).GetProperty("id").GetInt32();
        using (var confirm = await staff.PostJsonAsync($"api/mediation/bookings/{id}/confirm", null)) await confirm.ShouldBeAsync(HttpStatusCode.OK);
        using (var early = await staff.PostJsonAsync($"api/mediation/bookings/{id}/no-show", null)) await early.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // Move the booking into the past, as if a week had gone by.
        await WithDbAsync(township, db => db.Bookings.Where(b => b.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.SlotStart, b => b.SlotStart.AddDays(-30)).SetProperty(b => b.SlotEnd, b => b.SlotEnd.AddDays(-30)), CT));
        using (var noShow = await staff.PostJsonAsync($"api/mediation/bookings/{id}/no-show", new { reason = "电话未接通" }))
        {
            await noShow.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("no_show", (await noShow.JsonAsync()).GetProperty("status").GetString());
        }
        var published = Assert.Single(await EventsAsync<BookingOutcomeRecorded>(township));
        Assert.Equal("no_show", published.Outcome);
        using var admin = await township.AsAdminAsync();
        Assert.Equal(1, (await admin.GetJsonAsync("api/stats")).GetProperty("bookings").GetProperty("noShows").GetInt32());
    }

    [Fact]
    public async Task AResidentReschedulesOrCancelsOnlyBeforeTheTownshipsLimitAndTheOtherPartyAcceptsByCode()
    {
        var township = await Host.CreateTownshipAsync();
        var room = await township.CreateRoomAsync();
        using var admin = await township.AsAdminAsync();
        var resident = await township.RegisterResidentAsync();
        var other = await township.RegisterResidentAsync();
        var third = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        var monday = FutureMonday();
        var booking = await client.BookAsync(room, At(monday, 9));
        var id = booking.GetProperty("id").GetInt32();

        using (var moved = await client.PostJsonAsync($"api/mediation/bookings/{id}/reschedule", new { start = At(monday, 10) }))
        {
            await moved.ShouldBeAsync(HttpStatusCode.OK);
            var body = await moved.JsonAsync();
            Assert.Equal(At(monday, 10), body.GetProperty("start").GetString());
            Assert.Equal(1, body.GetProperty("reschedules").GetInt32());
        }
        var slots = await client.GetJsonAsync($"api/mediation/rooms/{room}/slots?from={monday:yyyy-MM-dd}&to={monday:yyyy-MM-dd}");
        Assert.Equal([At(monday, 10)], slots.EnumerateArray().Where(s => !s.GetProperty("available").GetBoolean()).Select(s => s.GetProperty("start").GetString()!));
        using (var bad = await client.PostJsonAsync($"api/mediation/bookings/{id}/reschedule", new { start = At(monday, 10, 15) }))
            (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("start");
        using (var otherClient = township.As(other.Token))
        using (var notMine = await otherClient.PostJsonAsync($"api/mediation/bookings/{id}/reschedule", new { start = At(monday, 11) }))
            await notMine.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // The other party accepts the time with the code; nobody else can afterwards, nor the applicant.
        var code = booking.GetProperty("inviteCode").GetString()!;
        using (var own = await client.PostJsonAsync($"api/mediation/invitations/{code}/accept", null)) await own.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var otherClient = township.As(other.Token))
        {
            var seen = await otherClient.GetJsonAsync($"api/mediation/invitations/{code}");
            Assert.Equal(At(monday, 10), seen.GetProperty("start").GetString());
            Assert.False(seen.TryGetProperty("description", out _));
            using var accept = await otherClient.PostJsonAsync($"api/mediation/invitations/{code}/accept", null);
            await accept.ShouldBeAsync(HttpStatusCode.OK);
            Assert.True((await accept.JsonAsync()).GetProperty("acceptedByMe").GetBoolean());
            Assert.Contains("接受", await otherClient.GetStringAsync($"mediation/invitations/{code}", CT));
        }
        using (var thirdClient = township.As(third.Token))
        using (var late = await thirdClient.PostJsonAsync($"api/mediation/invitations/{code}/accept", null))
            await late.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.True((await client.GetJsonAsync($"api/mediation/bookings/{id}")).GetProperty("otherPartyAccepted").GetBoolean());

        // A township limit longer than the time left: no more changes by the resident; staff still can.
        using (var settings = await admin.PutAsJsonAsync("api/mediation/settings", new { changeLimitHours = 720 }, CT)) await settings.ShouldBeAsync(HttpStatusCode.OK);
        using (var badSettings = await admin.PutAsJsonAsync("api/mediation/settings", new { changeLimitHours = -1, reminderWebhookUrl = "ftp://x" }, CT))
        {
            var problem = await badSettings.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.FieldErrors("changeLimitHours");
            problem.FieldErrors("reminderWebhookUrl");
        }
        using (var tooLate = await client.PostJsonAsync($"api/mediation/bookings/{id}/reschedule", new { start = At(monday, 11) }))
            Assert.Contains("720", (await tooLate.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        using (var tooLate = await client.PostJsonAsync($"api/mediation/bookings/{id}/cancel", null)) await tooLate.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("pending", (await client.GetJsonAsync($"api/mediation/bookings/{id}")).GetProperty("status").GetString());
        using (var byStaff = await admin.PostJsonAsync($"api/mediation/bookings/{id}/cancel", null)) await byStaff.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheDayBeforeTheResidentIsRemindedInTheAppAndByWebhookOnce()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using var hook = new WebhookListener();
        using (var settings = await admin.PutAsJsonAsync("api/mediation/settings", new { changeLimitHours = 24, reminderWebhookUrl = hook.Url }, CT))
            await settings.ShouldBeAsync(HttpStatusCode.OK);
        var room = (await (await admin.PostJsonAsync("api/mediation/rooms", DailyRoom("提醒调解室"))).JsonAsync()).GetProperty("id").GetInt32();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        var booking = await client.BookAsync(room, await NextSlotAsync(client, room));
        var id = booking.GetProperty("id").GetInt32();
        var sweeper = Host.Services.GetRequiredService<ReminderSweeper>();
        var found = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        async Task<int> SweepAsync()
        {
            await using var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(found);
            return await sweeper.SweepAsync(scope.ServiceProvider.GetRequiredService<MediationDbContext>(), found, CT);
        }

        Assert.Equal(0, await SweepAsync()); // pending bookings are not reminded
        using (var confirm = await admin.PostJsonAsync($"api/mediation/bookings/{id}/confirm", null)) await confirm.ShouldBeAsync(HttpStatusCode.OK);
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SweepAsync()));
        Assert.Equal(1, results.Sum());
        Assert.Equal(0, await SweepAsync());

        var body = await hook.NextAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("mediation.reminder", body.GetProperty("kind").GetString());
        Assert.Equal(booking.GetProperty("code").GetString(), body.GetProperty("code").GetString());
        JsonElement notices = default;
        for (var i = 0; i < 100 && (notices.ValueKind != JsonValueKind.Array || notices.GetArrayLength() == 0); i++)
        {
            notices = await client.GetJsonAsync("api/mediation/notifications");
            if (notices.GetArrayLength() == 0) await Task.Delay(100, CT);
        }
        var notice = Assert.Single(notices.EnumerateArray());
        Assert.Equal("调解预约提醒", notice.GetProperty("title").GetString());
        Assert.Contains("提醒调解室", notice.GetProperty("body").GetString());
        Assert.Contains("调解预约提醒", await client.GetStringAsync("mediation/bookings", CT));
        Assert.Single(await EventsAsync<BookingReminderDue>(township));
        await Task.Delay(300, CT);
        Assert.Equal(1, hook.Count);
    }

    [Fact]
    public async Task StudiosHaveAPhotoAndAVillageAndResidentsFindThemBySpecialtyAndVillage()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using (var village = await admin.PostJsonAsync("api/portal/villages", new { name = "枫源村", kind = "村", grids = 3, households = 400 }))
            await village.ShouldBeAsync(HttpStatusCode.Created);
        var inVillage = JsonSerializer.SerializeToNode(Room("枫源村调解室"))!.AsObject();
        inVillage["village"] = "枫源村";
        var villageRoom = await township.CreateRoomAsync(inVillage);
        var townRoom = await township.CreateRoomAsync(Room("镇调解中心"));
        inVillage["village"] = "不存在村";
        using (var unknown = await admin.PostJsonAsync("api/mediation/rooms", inVillage))
            (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("village");

        using var anonymous = township.Anonymous();
        Assert.Equal([villageRoom], (await anonymous.GetJsonAsync("api/mediation/rooms?village=" + Uri.EscapeDataString("枫源村"))).EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        Assert.Equal(2, (await anonymous.GetJsonAsync("api/mediation/rooms?specialty=" + Uri.EscapeDataString("邻里纠纷"))).GetArrayLength());
        Assert.Equal(0, (await anonymous.GetJsonAsync("api/mediation/rooms?specialty=" + Uri.EscapeDataString("交通事故"))).GetArrayLength());
        var page = await anonymous.GetStringAsync("mediation?village=" + Uri.EscapeDataString("枫源村"), CT);
        Assert.Contains("枫源村调解室", page);
        Assert.DoesNotContain("镇调解中心", page);

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];
        async Task<HttpResponseMessage> UploadAsync(HttpClient client, int room, byte[] bytes, string name, string type)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            form.Add(file, "photo", name);
            return await client.PostAsync($"api/mediation/rooms/{room}/photo", form, CT);
        }
        using (var notImage = await UploadAsync(admin, townRoom, "<svg onload=alert(1)>"u8.ToArray(), "a.png", "image/png"))
            (await notImage.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("photo");
        using (var tooBig = await UploadAsync(admin, townRoom, [0xFF, 0xD8, 0xFF, .. new byte[901 * 1024]], "big.jpg", "image/jpeg"))
            (await tooBig.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("photo");
        Assert.Equal(JsonValueKind.Null, (await anonymous.GetJsonAsync($"api/mediation/rooms/{townRoom}")).GetProperty("photoUrl").ValueKind);
        var resident = await township.RegisterResidentAsync();
        using (var residentClient = township.As(resident.Token))
        using (var forbidden = await UploadAsync(residentClient, townRoom, png, "a.png", "image/png"))
            await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
        string url;
        using (var ok = await UploadAsync(admin, townRoom, png, "room.png", "image/png"))
        {
            await ok.ShouldBeAsync(HttpStatusCode.OK);
            url = (await ok.JsonAsync()).GetProperty("photoUrl").GetString()!;
        }
        Assert.Matches("^media/room-[a-f0-9]{32}\\.png$", url);
        using (var image = await anonymous.GetAsync(url, CT))
        {
            await image.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains(url, await anonymous.GetStringAsync($"mediation/rooms/{townRoom}", CT));
    }

    [Fact]
    public async Task StaffWorkTheInboxPageAndResidentsRescheduleOnTheirs()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var room = (await (await admin.PostJsonAsync("api/mediation/rooms", DailyRoom("全天调解室", ["甲调解员", "乙调解员"]))).JsonAsync()).GetProperty("id").GetInt32();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        var id = (await client.BookAsync(room, await NextSlotAsync(client, room))).GetProperty("id").GetInt32();
        var later = (await client.BookAsync(room, At(FutureMonday(), 9))).GetProperty("id").GetInt32();

        Assert.Contains("全天调解室", await admin.GetStringAsync("admin/mediation/bookings", CT));
        using (var r = await admin.PostFormAsync("admin/mediation/bookings", $"?handler=Confirm&id={id}", [])) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var mediators = await admin.GetJsonAsync($"api/mediation/mediators?roomId={room}");
        var current = (await admin.GetJsonAsync($"api/mediation/bookings/{id}")).GetProperty("mediatorId").GetInt32();
        var otherMediator = mediators.EnumerateArray().Select(m => m.GetProperty("id").GetInt32()).First(m => m != current);
        using (var r = await admin.PostFormAsync("admin/mediation/bookings", $"?handler=Assign&id={id}", new() { ["mediatorId"] = otherMediator.ToString() }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var r = await admin.PostFormAsync("admin/mediation/bookings", $"?handler=CheckIn&id={id}", [])) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains("登记结果", await admin.GetStringAsync("admin/mediation/bookings?status=confirmed", CT));
        using (var r = await admin.PostFormAsync("admin/mediation/bookings", $"?handler=Outcome&id={id}", new() { ["outcome"] = "not_settled", ["note"] = "分歧较大,转镇调委会" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var done = await admin.GetJsonAsync($"api/mediation/bookings/{id}");
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("not_settled", done.GetProperty("outcome").GetString());
        Assert.Equal(otherMediator, done.GetProperty("mediatorId").GetInt32());
        Assert.Contains("调解未成", await admin.GetStringAsync("admin/mediation/bookings?status=done", CT));

        using (var r = await client.PostFormAsync("mediation/bookings", $"?handler=Reschedule&id={later}", new() { ["start"] = $"{FutureMonday():yyyy-MM-dd}T11:00" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(At(FutureMonday(), 11), (await client.GetJsonAsync($"api/mediation/bookings/{later}")).GetProperty("start").GetString());

        // The room form puts its messages beside the fields.
        using (var bad = await admin.PostFormAsync("admin/mediation", "", new() { ["Input.Name"] = "", ["Input.Address"] = "镇上", ["Input.SlotMinutes"] = "7", ["Input.Days"] = "1", ["Input.Open"] = "09:00", ["Input.Close"] = "17:00" }))
        {
            var html = await bad.Content.ReadAsStringAsync(CT);
            Assert.Matches("data-valmsg-for=\"Input.Name\"[^>]*>名称不能为空<", html);
            Assert.Matches("data-valmsg-for=\"Input.SlotMinutes\"[^>]*>时段长度须在 10-480 分钟之间<", html);
        }

        // The mediators page: a new mediator with field errors first, the rules with theirs.
        using (var bad = await admin.PostFormAsync("admin/mediation/mediators", "", new() { ["Input.Name"] = "", ["Input.Type"] = "保安" }))
        {
            await bad.ShouldBeAsync(HttpStatusCode.OK);
            var html = await bad.Content.ReadAsStringAsync(CT);
            Assert.Contains("姓名不能为空", html);
            Assert.Contains("调解员类型须为", html);
        }
        using (var ok = await admin.PostFormAsync("admin/mediation/mediators", "", new() { ["Input.Name"] = "老党员陈伯", ["Input.Type"] = "五老", ["Input.Specialties"] = "邻里纠纷", ["Input.RoomIds"] = room.ToString() }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(mediators.GetArrayLength() + 1, (await admin.GetJsonAsync($"api/mediation/mediators?roomId={room}")).GetArrayLength());
        using (var bad = await admin.PostFormAsync("admin/mediation/mediators", "?handler=Rules", new() { ["Rules.ChangeLimitHours"] = "-5", ["Rules.ReminderWebhookUrl"] = "javascript:alert(1)" }))
        {
            var html = await bad.Content.ReadAsStringAsync(CT);
            Assert.Contains("改约、取消的截止时间", html);
            Assert.Contains("提醒推送地址须是", html);
        }
        using (var ok = await admin.PostFormAsync("admin/mediation/mediators", "?handler=Rules", new() { ["Rules.ChangeLimitHours"] = "48", ["Rules.ReminderWebhookUrl"] = "" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(48, (await admin.GetJsonAsync("api/mediation/settings")).GetProperty("changeLimitHours").GetInt32());
    }

    /// <summary>A local HTTP endpoint standing in for the township's SMS gateway.</summary>
    private sealed class WebhookListener : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly System.Threading.Channels.Channel<JsonElement> _bodies = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        private int _count;

        public WebhookListener()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hook/";
                probe.Stop();
            }
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Url { get; }

        public int Count => Volatile.Read(ref _count);

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                using (var doc = await JsonDocument.ParseAsync(context.Request.InputStream)) _bodies.Writer.TryWrite(doc.RootElement.Clone());
                Interlocked.Increment(ref _count);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public async Task<JsonElement> NextAsync(TimeSpan timeout)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            cts.CancelAfter(timeout);
            return await _bodies.Reader.ReadAsync(cts.Token);
        }

        public void Dispose() => _listener.Close();
    }
}

public sealed class MediationWorkTests_Sqlite(SqliteHost host) : MediationWorkTests(host);

public sealed class MediationWorkTests_Postgres(PostgresHost host) : MediationWorkTests(host);
