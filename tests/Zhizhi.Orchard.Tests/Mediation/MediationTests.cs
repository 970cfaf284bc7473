using System.Net;
using System.Text.Json;
using Zhizhi.Orchard.Tests.Infrastructure;
using static Zhizhi.Orchard.Tests.Mediation.MediationHelpers;

namespace Zhizhi.Orchard.Tests.Mediation;

/// <summary>Mediation rooms, free slots and online booking (contract: "Mediation").</summary>
public abstract class MediationTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    [Fact]
    public async Task AnAdminCreatesARoomThatEveryoneCanSee()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using var response = await admin.PostJsonAsync("api/mediation/rooms", Room("邓火坚调解工作室"));

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await response.JsonAsync()).GetProperty("id").GetInt32();
        using var anonymous = township.Anonymous();
        var list = await anonymous.GetJsonAsync("api/mediation/rooms");
        Assert.Equal(["邓火坚调解工作室"], list.EnumerateArray().Select(r => r.GetProperty("name").GetString()!));
        var room = await anonymous.GetJsonAsync($"api/mediation/rooms/{id}");
        Assert.Equal(["邻里纠纷", "婚姻家庭"], room.GetProperty("specialties").Strings());
        Assert.Equal(5, room.GetProperty("openingHours").GetArrayLength());
        Assert.Equal(1, room.GetProperty("openingHours")[0].GetProperty("dayOfWeek").GetInt32());
        Assert.Equal("09:00", room.GetProperty("openingHours")[0].GetProperty("start").GetString());
        Assert.Equal("律师", room.GetProperty("mediators")[1].GetProperty("type").GetString());
        using var missing = await anonymous.GetAsync("api/mediation/rooms/9999", CT);
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ABadRoomIs400AndAResidentCannotCreateOne()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using (var bad = await admin.PostJsonAsync("api/mediation/rooms", new { name = "", address = "x", specialties = new[] { "打架" }, openingHours = new[] { new { dayOfWeek = 8, start = "9点", end = "17:00" } } }))
        {
            var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.FieldErrors("name");
            problem.FieldErrors("specialties");
            problem.FieldErrors("openingHours");
        }
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        using var forbidden = await client.PostJsonAsync("api/mediation/rooms", Room());
        await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, (await client.GetJsonAsync("api/mediation/rooms")).GetArrayLength());
    }

    [Fact]
    public async Task SlotsAreInTheTownshipTimeZoneOnSlotBoundariesAndSkipClosedDays()
    {
        var township = await Host.CreateTownshipAsync();
        var monday = FutureMonday();
        var id = await township.CreateRoomAsync(Room(closedDays: [monday.AddDays(1).ToString("yyyy-MM-dd")]));
        using var anonymous = township.Anonymous();

        var slots = await anonymous.GetJsonAsync($"api/mediation/rooms/{id}/slots?from={monday:yyyy-MM-dd}&to={monday.AddDays(6):yyyy-MM-dd}");

        // Monday to Friday, 09:00-17:00 in 60-minute slots, Tuesday closed: 4 days × 8 slots.
        Assert.Equal(32, slots.GetArrayLength());
        Assert.Equal(At(monday, 9), slots[0].GetProperty("start").GetString());
        Assert.Equal(At(monday, 10), slots[0].GetProperty("end").GetString());
        Assert.Equal(At(monday, 16), slots[7].GetProperty("start").GetString());
        Assert.Equal(At(monday.AddDays(2), 9), slots[8].GetProperty("start").GetString());
        Assert.All(slots.EnumerateArray(), s =>
        {
            Assert.EndsWith("+08:00", s.GetProperty("start").GetString());
            Assert.EndsWith(":00:00+08:00", s.GetProperty("start").GetString());
            Assert.True(s.GetProperty("available").GetBoolean());
        });
        Assert.DoesNotContain(slots.EnumerateArray(), s => s.GetProperty("start").GetString()!.StartsWith(monday.AddDays(1).ToString("yyyy-MM-dd")));

        var month = await anonymous.GetJsonAsync($"api/mediation/rooms/{id}/slots?from={monday:yyyy-MM-dd}&to={monday.AddDays(30):yyyy-MM-dd}");
        Assert.True(month.GetArrayLength() > 150);
        using var tooLong = await anonymous.GetAsync($"api/mediation/rooms/{id}/slots?from={monday:yyyy-MM-dd}&to={monday.AddDays(31):yyyy-MM-dd}", CT);
        await tooLong.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using var badDate = await anonymous.GetAsync($"api/mediation/rooms/{id}/slots?from=12月1日", CT);
        await badDate.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AResidentBooksASlotWhichThenShowsAsTaken()
    {
        var township = await Host.CreateTownshipAsync();
        var id = await township.CreateRoomAsync();
        var monday = FutureMonday();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);

        using var response = await client.PostJsonAsync("api/mediation/bookings", Booking(id, At(monday, 10)));

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var booking = await response.JsonAsync();
        Assert.Equal("pending", booking.GetProperty("status").GetString());
        Assert.Equal(id, booking.GetProperty("roomId").GetInt32());
        Assert.Equal(At(monday, 10), booking.GetProperty("start").GetString());
        Assert.Equal(At(monday, 11), booking.GetProperty("end").GetString());
        Assert.Matches("^[A-Z2-9]{8}$", booking.GetProperty("code").GetString());
        var bookingId = booking.GetProperty("id").GetInt32();
        Assert.Equal($"/api/mediation/bookings/{bookingId}", response.Headers.Location?.OriginalString);

        var slots = await client.GetJsonAsync($"api/mediation/rooms/{id}/slots?from={monday:yyyy-MM-dd}&to={monday:yyyy-MM-dd}");
        Assert.Equal([At(monday, 10)], slots.EnumerateArray().Where(s => !s.GetProperty("available").GetBoolean()).Select(s => s.GetProperty("start").GetString()!));
        var mine = await client.GetJsonAsync("api/mediation/bookings/mine");
        Assert.Equal([bookingId], mine.EnumerateArray().Select(b => b.GetProperty("id").GetInt32()));
        Assert.Equal(bookingId, (await client.GetJsonAsync($"api/mediation/bookings/{bookingId}")).GetProperty("id").GetInt32());

        // Without an offset the time is the township's local time.
        using var local = await client.PostJsonAsync("api/mediation/bookings", Booking(id, $"{monday:yyyy-MM-dd}T10:00:00"));
        await local.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ParallelRequestsForOneSlotYieldExactlyOneBooking()
    {
        var township = await Host.CreateTownshipAsync();
        var id = await township.CreateRoomAsync();
        var start = At(FutureMonday(), 14);
        var residents = new List<TestUser>();
        for (var i = 0; i < 5; i++) residents.Add(await township.RegisterResidentAsync());
        var clients = residents.Select(r => township.As(r.Token)).ToList();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => clients[i % clients.Count].PostJsonAsync("api/mediation/bookings", Booking(id, start))));

        try
        {
            Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
            await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
            foreach (var c in clients) c.Dispose();
        }
        using var admin = await township.AsAdminAsync();
        Assert.Equal(1, (await admin.GetJsonAsync("api/mediation/bookings")).GetArrayLength());
    }

    [Fact]
    public async Task CancellingFreesTheSlotForSomeoneElse()
    {
        var township = await Host.CreateTownshipAsync();
        var id = await township.CreateRoomAsync();
        var start = At(FutureMonday(), 9);
        var first = await township.RegisterResidentAsync();
        var second = await township.RegisterResidentAsync();
        using var a = township.As(first.Token);
        using var b = township.As(second.Token);
        var booking = await a.BookAsync(id, start);
        var bookingId = booking.GetProperty("id").GetInt32();
        using (var taken = await b.PostJsonAsync("api/mediation/bookings", Booking(id, start))) await taken.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        using (var cancel = await a.PostJsonAsync($"api/mediation/bookings/{bookingId}/cancel", null))
        {
            await cancel.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("cancelled", (await cancel.JsonAsync()).GetProperty("status").GetString());
        }
        using (var again = await a.PostJsonAsync($"api/mediation/bookings/{bookingId}/cancel", null)) await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var rebooked = await b.BookAsync(id, start);
        Assert.Equal("pending", rebooked.GetProperty("status").GetString());
        Assert.NotEqual(bookingId, rebooked.GetProperty("id").GetInt32());
    }

    public static TheoryData<string> BadBookings() => ["past", "before-opening", "after-closing", "off-boundary", "closed-day", "weekend", "unknown-room",
        "no-room", "unknown-category", "long-description", "long-other-party", "empty-description", "no-start", "garbage-start"];

    [Theory]
    [MemberData(nameof(BadBookings))]
    public async Task ABadBookingIs400InChineseAndBooksNothing(string kind)
    {
        var township = await Host.CreateTownshipAsync();
        var monday = FutureMonday();
        var id = await township.CreateRoomAsync(Room(closedDays: [monday.AddDays(2).ToString("yyyy-MM-dd")]));
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Shanghai)).AddDays(-1);
        object body = kind switch
        {
            "past" => Booking(id, At(yesterday, 10)),
            "before-opening" => Booking(id, At(monday, 8)),
            "after-closing" => Booking(id, At(monday, 17)),
            "off-boundary" => Booking(id, At(monday, 9, 30)),
            "closed-day" => Booking(id, At(monday.AddDays(2), 9)),
            "weekend" => Booking(id, At(monday.AddDays(5), 9)),
            "unknown-room" => Booking(id + 1000, At(monday, 9)),
            "no-room" => new { start = At(monday, 9), category = "邻里纠纷", description = "说明" },
            "unknown-category" => Booking(id, At(monday, 9), category: "打架斗殴"),
            "long-description" => Booking(id, At(monday, 9), description: new string('说', 1001)),
            "long-other-party" => Booking(id, At(monday, 9), otherParty: new string('王', 101)),
            "empty-description" => Booking(id, At(monday, 9), description: " "),
            "no-start" => new { roomId = id, category = "邻里纠纷", description = "说明" },
            "garbage-start" => Booking(id, "下周一上午"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await client.PostJsonAsync("api/mediation/bookings", body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out _), problem.ToString());
        Assert.Equal(0, (await client.GetJsonAsync("api/mediation/bookings/mine")).GetArrayLength());
        var slots = await client.GetJsonAsync($"api/mediation/rooms/{id}/slots?from={monday:yyyy-MM-dd}&to={monday.AddDays(6):yyyy-MM-dd}");
        Assert.All(slots.EnumerateArray(), s => Assert.True(s.GetProperty("available").GetBoolean()));
    }

    [Fact]
    public async Task AnotherResidentsBookingIs404ButStaffSeeIt()
    {
        var township = await Host.CreateTownshipAsync();
        var id = await township.CreateRoomAsync();
        var owner = await township.RegisterResidentAsync();
        var other = await township.RegisterResidentAsync();
        var mediator = await township.CreateUserAsync("Mediator");
        using var a = township.As(owner.Token);
        using var b = township.As(other.Token);
        using var staff = township.As(mediator.Token);
        var bookingId = (await a.BookAsync(id, At(FutureMonday(), 11))).GetProperty("id").GetInt32();

        using (var peek = await b.GetAsync($"api/mediation/bookings/{bookingId}", CT)) await peek.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var cancel = await b.PostJsonAsync($"api/mediation/bookings/{bookingId}/cancel", null)) await cancel.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await b.GetJsonAsync("api/mediation/bookings/mine")).GetArrayLength());
        using (var anonymous = township.Anonymous())
        using (var noToken = await anonymous.PostJsonAsync("api/mediation/bookings", Booking(id, At(FutureMonday(), 12))))
            await noToken.ShouldBeAsync(HttpStatusCode.Unauthorized);

        var seen = await staff.GetJsonAsync($"api/mediation/bookings/{bookingId}");
        Assert.Equal("pending", seen.GetProperty("status").GetString());
        Assert.Equal("王五", seen.GetProperty("otherParty").GetString());
    }

    [Fact]
    public async Task StaffConfirmOrDeclineAndAResidentCannot()
    {
        var township = await Host.CreateTownshipAsync();
        var id = await township.CreateRoomAsync();
        var monday = FutureMonday();
        var resident = await township.RegisterResidentAsync();
        var mediator = await township.CreateUserAsync("Mediator");
        using var client = township.As(resident.Token);
        using var staff = township.As(mediator.Token);
        var first = (await client.BookAsync(id, At(monday, 9))).GetProperty("id").GetInt32();
        var second = (await client.BookAsync(id, At(monday, 10))).GetProperty("id").GetInt32();

        using (var self = await client.PostJsonAsync($"api/mediation/bookings/{first}/confirm", null)) await self.ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, (await staff.GetJsonAsync("api/mediation/bookings?status=pending")).EnumerateArray().Count(b => b.GetProperty("id").GetInt32() == first));

        using (var confirm = await staff.PostJsonAsync($"api/mediation/bookings/{first}/confirm", null))
        {
            await confirm.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("confirmed", (await confirm.JsonAsync()).GetProperty("status").GetString());
        }
        var confirmedEvent = Assert.Single(await ConfirmedEventsAsync(Host, township.Name));
        Assert.Equal(first, confirmedEvent.BookingId);
        Assert.Equal(id, confirmedEvent.RoomId);
        Assert.Equal(At(monday, 9), confirmedEvent.Start.ToString("yyyy-MM-dd'T'HH:mm:sszzz"));
        using (var twice = await staff.PostJsonAsync($"api/mediation/bookings/{first}/confirm", null)) await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var late = await staff.PostJsonAsync($"api/mediation/bookings/{first}/decline", new { reason = "太晚了" })) await late.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("confirmed", (await client.GetJsonAsync($"api/mediation/bookings/{first}")).GetProperty("status").GetString());

        using (var decline = await staff.PostJsonAsync($"api/mediation/bookings/{second}/decline", new { reason = "当天调解员外出,请改约" }))
        {
            await decline.ShouldBeAsync(HttpStatusCode.OK);
            var body = await decline.JsonAsync();
            Assert.Equal("declined", body.GetProperty("status").GetString());
            Assert.Equal("当天调解员外出,请改约", body.GetProperty("declineReason").GetString());
        }
        using (var cancelDeclined = await client.PostJsonAsync($"api/mediation/bookings/{second}/cancel", null)) await cancelDeclined.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var missing = await staff.PostJsonAsync("api/mediation/bookings/99999/confirm", null)) await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // A declined booking frees its slot.
        await client.BookAsync(id, At(monday, 10));
    }

    [Fact]
    public async Task TheRoomCalendarHasTheBookingTimesAndNoPersonalData()
    {
        var township = await Host.CreateTownshipAsync();
        var id = await township.CreateRoomAsync();
        var monday = FutureMonday();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        var confirmed = (await client.BookAsync(id, At(monday, 9))).GetProperty("id").GetInt32();
        await client.BookAsync(id, At(monday.AddDays(1), 15));
        var cancelled = (await client.BookAsync(id, At(monday.AddDays(2), 10))).GetProperty("id").GetInt32();
        using (var admin = await township.AsAdminAsync())
        using (var confirm = await admin.PostJsonAsync($"api/mediation/bookings/{confirmed}/confirm", null)) await confirm.ShouldBeAsync(HttpStatusCode.OK);
        using (var cancel = await client.PostJsonAsync($"api/mediation/bookings/{cancelled}/cancel", null)) await cancel.ShouldBeAsync(HttpStatusCode.OK);
        using var anonymous = township.Anonymous();

        using var response = await anonymous.GetAsync($"mediation/rooms/{id}/calendar.ics", CT);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync(CT);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics);
        Assert.EndsWith("END:VCALENDAR\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        Assert.Equal(2, ics.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains($"DTSTART:{monday:yyyyMMdd}T010000Z\r\n", ics);
        Assert.Contains($"DTEND:{monday:yyyyMMdd}T020000Z\r\n", ics);
        Assert.Contains($"DTSTART:{monday.AddDays(1):yyyyMMdd}T070000Z\r\n", ics);
        Assert.DoesNotContain($"DTSTART:{monday.AddDays(2):yyyyMMdd}T020000Z", ics);
        Assert.Contains("SUMMARY:调解预约(已确认)", ics);
        Assert.Contains("SUMMARY:调解预约(待确认)", ics);
        Assert.Contains("DTSTAMP:", ics);
        Assert.Contains("UID:", ics);
        Assert.DoesNotContain("王五", ics);
        Assert.DoesNotContain("空调", ics);
        Assert.DoesNotContain(resident.UserName, ics);
        Assert.DoesNotContain("邻里纠纷", ics);
        using var missing = await anonymous.GetAsync("mediation/rooms/9999/calendar.ics", CT);
        await missing.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ThePagesShowRoomsSlotsAndBookings()
    {
        var township = await Host.CreateTownshipAsync();
        var id = await township.CreateRoomAsync(Room("婚姻家庭调解室"));
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        var booking = await client.BookAsync(id, At(FutureMonday(), 9));
        using var anonymous = township.Anonymous();

        var list = await anonymous.GetStringAsync("mediation", CT);
        Assert.Contains("婚姻家庭调解室", list);
        Assert.Contains("围着火塘喝油茶", list);
        var room = await anonymous.GetStringAsync($"mediation/rooms/{id}", CT);
        Assert.Contains("品牌故事", room);
        Assert.Contains("邓火坚", room);
        Assert.Contains("登录", room);
        var signedIn = await client.GetStringAsync($"mediation/rooms/{id}", CT);
        Assert.Contains("预约所选时段", signedIn);
        Assert.Contains("name=\"Input.Start\"", signedIn);
        var mine = await client.GetStringAsync("mediation/bookings", CT);
        Assert.Contains(booking.GetProperty("code").GetString()!, mine);
        Assert.Contains("待确认", mine);
        using (var redirect = await anonymous.GetAsync("mediation/bookings", CT)) Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        using (var missing = await anonymous.GetAsync("mediation/rooms/9999", CT)) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var admin = await township.AsAdminAsync();
        Assert.Contains("新增调解室或品牌工作室", await admin.GetStringAsync("admin/mediation", CT));
        var inbox = await admin.GetStringAsync("admin/mediation/bookings", CT);
        Assert.Contains(booking.GetProperty("code").GetString()!, inbox);
        Assert.Contains("婉拒", inbox);
        using (var forbidden = await client.GetAsync("admin/mediation/bookings", CT)) Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
    }

    [Fact]
    public async Task TheFormsCreateARoomBookASlotConfirmAndCancel()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var monday = FutureMonday();
        using (var r = await admin.PostFormAsync("admin/mediation", "", new()
        {
            ["Input.Name"] = "交通事故调解室", ["Input.Address"] = "交警中队旁", ["Input.Brand"] = "警调对接",
            ["Input.Specialties"] = "交通事故", ["Input.Days"] = "1", ["Input.Open"] = "09:00", ["Input.Close"] = "12:00",
            ["Input.SlotMinutes"] = "30", ["Input.Mediators"] = "赵调解员,专职",
        }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var room = (await admin.GetJsonAsync("api/mediation/rooms"))[0];
        Assert.Equal("交通事故调解室", room.GetProperty("name").GetString());
        Assert.Equal(30, room.GetProperty("slotMinutes").GetInt32());
        Assert.Equal("12:00", room.GetProperty("openingHours")[0].GetProperty("end").GetString());
        var id = room.GetProperty("id").GetInt32();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);

        using (var bad = await client.PostFormAsync($"mediation/rooms/{id}", "?handler=Book", new()
        {
            ["Input.Start"] = At(monday, 9, 15), ["Input.Category"] = "交通事故", ["Input.Description"] = "电动车与小汽车剐蹭",
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("时段的开始时间", await bad.Content.ReadAsStringAsync(CT));
        }
        using (var r = await client.PostFormAsync($"mediation/rooms/{id}", "?handler=Book", new()
        {
            ["Input.Start"] = At(monday, 9, 30), ["Input.Category"] = "交通事故", ["Input.Description"] = "电动车与小汽车剐蹭", ["Input.OtherParty"] = "李四",
        }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var booking = Assert.Single((await client.GetJsonAsync("api/mediation/bookings/mine")).EnumerateArray());
        Assert.Equal(At(monday, 9, 30), booking.GetProperty("start").GetString());
        var bookingId = booking.GetProperty("id").GetInt32();

        using (var r = await admin.PostFormAsync("admin/mediation/bookings", $"?handler=Confirm&id={bookingId}", new()))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("confirmed", (await client.GetJsonAsync($"api/mediation/bookings/{bookingId}")).GetProperty("status").GetString());
        using (var r = await client.PostFormAsync("mediation/bookings", $"?handler=Cancel&id={bookingId}", new()))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("cancelled", (await client.GetJsonAsync($"api/mediation/bookings/{bookingId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task MalformedBookingJsonIs400()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);

        using (var broken = await client.PostRawAsync("api/mediation/bookings", "{\"roomId\": "))
            await broken.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var wrongType = await client.PostRawAsync("api/mediation/bookings", "{\"roomId\": \"一号\", \"start\": 5}"))
            await wrongType.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheRecipeStepCreatesTheDemoRoomsAndBrandStudios()
    {
        using var admin = await Host.AdminClientAsync();
        admin.Timeout = TimeSpan.FromMinutes(5); // the whole demo recipe runs in the creation request (minutes on a loaded 2-core PostgreSQL run)
        var name = Names.Township();
        using (var response = await admin.PostJsonAsync("api/tenants", new
        {
            name, displayName = "示范镇" + name, adminUserName = "admin-demo", adminPassword = "Pw-demo-2026x9", recipe = "demo-rural",
        }))
            await response.ShouldBeAsync(HttpStatusCode.Created);
        using var anonymous = Host.NewClient(name);

        var rooms = await anonymous.GetJsonAsync("api/mediation/rooms");

        var names = rooms.EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
        Assert.Contains("油茶屋调解室", names);
        Assert.Contains("邓火坚调解工作室", names);
        Assert.Contains("婚姻家庭调解室", names);
        Assert.Contains("交通事故调解室", names);
        var first = rooms[0];
        Assert.Equal(60, first.GetProperty("slotMinutes").GetInt32());
        Assert.Equal([1, 2, 3, 4, 5], first.GetProperty("openingHours").EnumerateArray().Select(h => h.GetProperty("dayOfWeek").GetInt32()));
        Assert.Contains("爱不释手", rooms.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "婚姻家庭调解室").GetProperty("brand").GetString());
    }

    [Fact]
    public async Task DisablingBookingHidesTheBookingRoutesButKeepsTheRooms()
    {
        var township = await Host.CreateTownshipAsync();
        var id = await township.CreateRoomAsync();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        var bookingId = (await client.BookAsync(id, At(FutureMonday(), 9))).GetProperty("id").GetInt32();
        using (var host = await Host.AdminClientAsync())
        using (var disable = await host.PostJsonAsync($"api/tenants/{township.Name}/features", new { disable = new[] { "Mediation.Booking" } }))
            await disable.ShouldBeAsync(HttpStatusCode.OK);

        using (var gone = await client.GetAsync($"api/mediation/bookings/{bookingId}", CT)) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using (var ics = await client.GetAsync($"mediation/rooms/{id}/calendar.ics", CT)) Assert.Equal(HttpStatusCode.NotFound, ics.StatusCode);
        Assert.Equal(1, (await client.GetJsonAsync("api/mediation/rooms")).GetArrayLength());
    }
}

public sealed class MediationTests_Sqlite(SqliteHost host) : MediationTests(host);

public sealed class MediationTests_Postgres(PostgresHost host) : MediationTests(host);
