using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Zhizhi.Orchard.Tests.Infrastructure;
using static Zhizhi.Orchard.Tests.Mediation.MediationHelpers;

namespace Zhizhi.Orchard.Tests.Mediation;

/// <summary>
/// A mediator's own unavailable times (issue 6 item 2): the admin screen to add and remove them with errors beside
/// the fields, the warning about bookings the mediator already holds, and slots and the automatic choice skipping them.
/// </summary>
public abstract class MediatorAbsenceTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    /// <summary>A room served by exactly one mediator; returns the room and the mediator.</summary>
    private static async Task<(int Room, int Mediator)> RoomWithOneMediatorAsync(TestTownship township, HttpClient admin)
    {
        var room = JsonSerializer.SerializeToNode(Room("独立调解室"))!.AsObject();
        room["mediators"] = JsonSerializer.SerializeToNode(new[] { new { name = "钟调解员", type = "专职" } });
        var roomId = await township.CreateRoomAsync(room);
        var mediator = (await admin.GetJsonAsync($"api/mediation/mediators?roomId={roomId}")).EnumerateArray().Single().GetProperty("id").GetInt32();
        return (roomId, mediator);
    }

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, CT);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(CT);
    }

    private static Dictionary<string, string> Form(DateOnly day, int fromHour, int toHour, string reason = "培训", bool confirm = false)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Start"] = $"{day:yyyy-MM-dd}T{fromHour:00}:00",
            ["Input.End"] = $"{day:yyyy-MM-dd}T{toHour:00}:00",
            ["Input.Reason"] = reason,
        };
        if (confirm) form["Input.Confirm"] = "true";
        return form;
    }

    private static async Task<List<JsonElement>> AbsencesAsync(HttpClient admin, int mediator)
        => [.. (await admin.GetJsonAsync($"api/mediation/mediators/{mediator}/absences")).EnumerateArray()];

    [Fact]
    public async Task TheAbsenceScreenAddsAndRemovesTimesWithErrorsBesideTheFieldsAndWarnsAboutHeldBookings()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var (room, mediator) = await RoomWithOneMediatorAsync(township, admin);
        var page = $"admin/mediation/mediators/{mediator}/absences";
        var monday = FutureMonday();
        Assert.Contains("钟调解员", await HtmlAsync(admin, page));
        Assert.Contains($"mediators/{mediator}/absences", await HtmlAsync(admin, "admin/mediation/mediators"));

        // End before start, an end already past: the message is beside the end field and nothing is saved.
        using (var backwards = await admin.PostFormAsync(page, "", Form(monday, 12, 9)))
        {
            Assert.Equal(HttpStatusCode.OK, backwards.StatusCode);
            Assert.Matches("data-valmsg-for=\"Input.End\"[^>]*>结束时间须晚于开始时间", await backwards.Content.ReadAsStringAsync(CT));
        }
        var past = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3);
        using (var gone = await admin.PostFormAsync(page, "", Form(past, 9, 12)))
            Assert.Matches("data-valmsg-for=\"Input.End\"[^>]*>结束时间已经过去", await gone.Content.ReadAsStringAsync(CT));
        Assert.Empty(await AbsencesAsync(admin, mediator));

        using (var ok = await admin.PostFormAsync(page, "", Form(monday, 9, 12)))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var saved = Assert.Single(await AbsencesAsync(admin, mediator));
        Assert.Equal(At(monday, 9), saved.GetProperty("start").GetString());
        Assert.Equal("培训", saved.GetProperty("reason").GetString());

        // Overlapping the saved one: refused beside the start field.
        using (var overlap = await admin.PostFormAsync(page, "", Form(monday, 11, 13)))
            Assert.Matches("data-valmsg-for=\"Input.Start\"[^>]*>与已登记的不可预约时间重叠", await overlap.Content.ReadAsStringAsync(CT));
        Assert.Single(await AbsencesAsync(admin, mediator));

        // A booking the mediator holds on Monday afternoon: listed as a warning, saved only once confirmed.
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        var booking = await client.BookAsync(room, At(monday, 15));
        Assert.Equal(mediator, booking.GetProperty("mediatorId").GetInt32());
        var code = booking.GetProperty("code").GetString()!;
        using (var warned = await admin.PostFormAsync(page, "", Form(monday, 14, 17, "休假")))
        {
            Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
            var html = await warned.Content.ReadAsStringAsync(CT);
            Assert.Contains("data-conflicts", html);
            Assert.Contains(code, html);
        }
        Assert.Single(await AbsencesAsync(admin, mediator));
        using (var confirmed = await admin.PostFormAsync(page, "", Form(monday, 14, 17, "休假", confirm: true)))
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var both = await AbsencesAsync(admin, mediator);
        Assert.Equal(2, both.Count);
        // The list keeps warning while the booking still has this mediator.
        Assert.Contains(code, await HtmlAsync(admin, page));

        var first = both.Single(a => a.GetProperty("reason").GetString() == "培训").GetProperty("id").GetInt32();
        using (var removed = await admin.PostFormAsync(page, $"?handler=Remove&absenceId={first}", []))
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal("休假", Assert.Single(await AbsencesAsync(admin, mediator)).GetProperty("reason").GetString());

        // A resident may not open the screen.
        using (var forbidden = await client.GetAsync(page, CT)) Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task SlotsAndTheAutomaticChoiceSkipAMediatorWhileAway()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var (room, mediator) = await RoomWithOneMediatorAsync(township, admin);
        var monday = FutureMonday();
        using (var away = await admin.PostJsonAsync($"api/mediation/mediators/{mediator}/absences", new { start = At(monday, 9), end = At(monday, 12), reason = "培训" }))
            await away.ShouldBeAsync(HttpStatusCode.Created);

        using var anonymous = township.Anonymous();
        var slots = (await anonymous.GetJsonAsync($"api/mediation/rooms/{room}/slots?from={monday:yyyy-MM-dd}&to={monday:yyyy-MM-dd}")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("start").GetString()!, s => s.GetProperty("available").GetBoolean());
        Assert.False(slots[At(monday, 9)]);
        Assert.False(slots[At(monday, 11)]);
        Assert.True(slots[At(monday, 12)]);
        Assert.True(slots[At(monday, 16)]);

        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        using (var r = await client.PostJsonAsync("api/mediation/bookings", Booking(room, At(monday, 10))))
            await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(mediator, (await client.BookAsync(room, At(monday, 12))).GetProperty("mediatorId").GetInt32());

        // The same mediator booked in another room at 14:00 closes 14:00 here too.
        var otherRoom = JsonSerializer.SerializeToNode(Room("另一间"))!.AsObject();
        otherRoom["mediators"] = new System.Text.Json.Nodes.JsonArray();
        var other = await township.CreateRoomAsync(otherRoom);
        using (var serve = await admin.PutAsJsonAsync($"api/mediation/mediators/{mediator}", new { name = "钟调解员", type = "专职", roomIds = new[] { room, other } }, CT))
            await serve.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(mediator, (await client.BookAsync(other, At(monday, 14))).GetProperty("mediatorId").GetInt32());
        var after = (await anonymous.GetJsonAsync($"api/mediation/rooms/{room}/slots?from={monday:yyyy-MM-dd}&to={monday:yyyy-MM-dd}")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("start").GetString()!, s => s.GetProperty("available").GetBoolean());
        Assert.False(after[At(monday, 14)]);
        Assert.True(after[At(monday, 15)]);
    }
}

public sealed class MediatorAbsenceTests_Sqlite(SqliteHost host) : MediatorAbsenceTests(host);

public sealed class MediatorAbsenceTests_Postgres(PostgresHost host) : MediatorAbsenceTests(host);
