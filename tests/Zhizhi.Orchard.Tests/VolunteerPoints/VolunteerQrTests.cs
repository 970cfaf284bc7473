using System.Net;
using System.Text.RegularExpressions;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.VolunteerPoints.Qr;

namespace Zhizhi.Orchard.Tests.VolunteerPoints;

/// <summary>
/// QR codes for check-in and redemptions (issue 7): the images, who may see them, and the pages their links open.
/// QRCoder has no decoder, so an image is checked byte for byte against the rendering of the link it must carry,
/// and the link builder is checked on its own.
/// </summary>
public abstract class VolunteerQrTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>An activity that started half an hour ago, so the code is accepted now.</summary>
    private static async Task<(int Id, string Code)> CreateRunningActivityAsync(HttpClient admin, int points = 25)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-30).ToOffset(TimeSpan.FromHours(8));
        using var response = await admin.PostJsonAsync("api/volunteers/activities",
            new { title = "扫码签到巡逻", start, end = start.AddHours(2), location = "村委会", points, capacity = 10 });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await response.JsonAsync()).GetProperty("id").GetInt32();
        var code = (await admin.GetJsonAsync($"api/volunteers/activities/{id}/code")).GetProperty("code").GetString()!;
        return (id, code);
    }

    private static string Root(HttpClient client) => client.BaseAddress!.ToString().TrimEnd('/');

    private static async Task<byte[]> PngAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, CT);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Private, "a QR image carries its code: only the viewer's browser may cache it");
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl?.MaxAge);
        var bytes = await response.Content.ReadAsByteArrayAsync(CT);
        Assert.Equal(PngSignature, bytes.Take(8));
        return bytes;
    }

    private static async Task<int> BalanceAsync(HttpClient client) => (await client.GetJsonAsync("api/points/balance")).GetProperty("balance").GetInt32();

    private static async Task<string> HtmlAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url, CT);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadAsStringAsync(CT);
    }

    [Fact]
    public void TheLinksPointAtTheTownshipsCheckinAndFulfilPages()
    {
        Assert.Equal("https://zz.example.cn/t-qingshan/volunteers/activities/42/checkin?code=012345",
            QrCodes.CheckinUrl("https://zz.example.cn/t-qingshan/", 42, "012345"));
        Assert.Equal("https://zz.example.cn/t-qingshan/admin/exchange?code=AB7K2Q",
            QrCodes.FulfilUrl("https://zz.example.cn/t-qingshan", "AB7K2Q"));
        Assert.Equal("http://h/t/admin/exchange?code=A%26B%3D", QrCodes.FulfilUrl("http://h/t", "A&B="));
        var png = QrCodes.Png("http://h/t/volunteers/activities/1/checkin?code=123456");
        Assert.Equal(PngSignature, png.Take(8));
        Assert.NotEqual(png, QrCodes.Png("http://h/t/volunteers/activities/1/checkin?code=123457"));
    }

    [Fact]
    public async Task TheCheckinQrCarriesTheCheckinLinkAndOnlyTheOrganiserSeesIt()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        using var asVolunteer = township.As(volunteer.Token);
        using var anonymous = township.Anonymous();
        var (id, code) = await CreateRunningActivityAsync(admin);

        var png = await PngAsync(admin, $"api/volunteers/activities/{id}/checkin-qr");
        var link = $"{Root(admin)}/volunteers/activities/{id}/checkin?code={code}";
        Assert.Equal(QrCodes.Png(link), png);

        using (var r = await asVolunteer.GetAsync($"api/volunteers/activities/{id}/checkin-qr", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await anonymous.GetAsync($"api/volunteers/activities/{id}/checkin-qr", CT)) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await admin.GetAsync($"api/volunteers/activities/{id + 1000}/checkin-qr", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // The organiser's page shows the image and the link it carries.
        var page = await HtmlAsync(admin, "admin/volunteers");
        Assert.Contains($"src=\"/{township.Name}/api/volunteers/activities/{id}/checkin-qr\"", page);
        Assert.Contains($"href=\"{link}\"", page);
    }

    [Fact]
    public async Task TheCheckinLinkPrefillsTheFormAndOnlyThePostChecksIn()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        var clerk = await township.CreateUserAsync("ShopClerk");
        using var asVolunteer = township.As(volunteer.Token);
        using var asClerk = township.As(clerk.Token);
        using var anonymous = township.Anonymous();
        var (id, code) = await CreateRunningActivityAsync(admin, points: 25);
        var url = $"volunteers/activities/{id}/checkin?code={code}";

        // Signed out: to the login page, coming back to the same link.
        using (var r = await anonymous.GetAsync(url, CT))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            var location = Uri.UnescapeDataString(r.Headers.Location!.ToString());
            Assert.Contains($"/{township.Name}/account/login", location);
            Assert.Contains($"/{township.Name}/{url}", location);
        }
        // Not a volunteer: no check-in page.
        using (var r = await asClerk.GetAsync(url, CT)) Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
        using (var r = await asVolunteer.GetAsync($"volunteers/activities/{id + 1000}/checkin?code={code}", CT)) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);

        // Opening the link pre-fills the code and changes nothing, however often.
        var html = await HtmlAsync(asVolunteer, url);
        Assert.Contains($"name=\"code\" value=\"{code}\"", html);
        Assert.Contains("扫码签到巡逻", html);
        await HtmlAsync(asVolunteer, url);
        Assert.Equal(0, await BalanceAsync(asVolunteer));

        // A wrong code: told beside the field, nothing awarded.
        var wrong = code == "000000" ? "111111" : "000000";
        using (var r = await asVolunteer.PostFormAsync(url, "", new() { ["code"] = wrong }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var body = await r.Content.ReadAsStringAsync(CT);
            Assert.Contains("签到码不对", body);
            Assert.Contains($"value=\"{wrong}\"", body);
        }
        using (var r = await asVolunteer.PostFormAsync(url, "", new() { ["code"] = "12ab" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("签到码是 6 位数字", await r.Content.ReadAsStringAsync(CT));
        }
        Assert.Equal(0, await BalanceAsync(asVolunteer));

        // Without the antiforgery field the POST is refused.
        using (var r = await asVolunteer.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code }), CT))
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(0, await BalanceAsync(asVolunteer));

        using (var r = await asVolunteer.PostFormAsync(url, "", new() { ["code"] = code }))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.EndsWith($"/{township.Name}/volunteers", r.Headers.Location!.ToString());
        }
        Assert.Equal(25, await BalanceAsync(asVolunteer));

        // Scanned again: already checked in, no form, no second award.
        var again = await HtmlAsync(asVolunteer, url);
        Assert.Contains("您已签到过这个活动", again);
        Assert.DoesNotContain("确认签到", again);
        Assert.Equal(25, await BalanceAsync(asVolunteer));
    }

    [Fact]
    public async Task TheRedemptionQrCarriesTheFulfilLinkForTheRedeemerAndClerksOnly()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var volunteer = await township.CreateUserAsync("Volunteer");
        var other = await township.CreateUserAsync("Volunteer");
        var clerk = await township.CreateUserAsync("ShopClerk");
        using var asVolunteer = township.As(volunteer.Token);
        using var asOther = township.As(other.Token);
        using var asClerk = township.As(clerk.Token);
        using var anonymous = township.Anonymous();
        using (var r = await admin.PostJsonAsync("api/points/grants", new { userName = volunteer.UserName, points = 50, reason = "测试发放" })) await r.ShouldBeAsync(HttpStatusCode.Created);
        int itemId;
        using (var r = await admin.PostJsonAsync("api/exchange/items", new { name = "食用油", pointsCost = 20, stock = 3 }))
        {
            await r.ShouldBeAsync(HttpStatusCode.Created);
            itemId = (await r.JsonAsync()).GetProperty("id").GetInt32();
        }
        string code;
        using (var r = await asVolunteer.PostJsonAsync("api/exchange/redemptions", new { itemId, quantity = 1 }))
        {
            await r.ShouldBeAsync(HttpStatusCode.Created);
            code = (await r.JsonAsync()).GetProperty("code").GetString()!;
        }

        var link = $"{Root(asVolunteer)}/admin/exchange?code={code}";
        Assert.Equal(QrCodes.Png(link), await PngAsync(asVolunteer, $"api/exchange/redemptions/{code}/qr"));
        Assert.Equal(QrCodes.Png(link), await PngAsync(asClerk, $"api/exchange/redemptions/{code.ToLowerInvariant()}/qr"));
        using (var r = await asOther.GetAsync($"api/exchange/redemptions/{code}/qr", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await anonymous.GetAsync($"api/exchange/redemptions/{code}/qr", CT)) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await asVolunteer.GetAsync("api/exchange/redemptions/NOSUCH/qr", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // The redeemer's page shows the QR beside the code.
        Assert.Contains($"src=\"/{township.Name}/api/exchange/redemptions/{code}/qr\"", await HtmlAsync(asVolunteer, "exchange"));

        // The scanned link pre-fills the clerk's form and names the redemption; opening it fulfils nothing.
        var page = await HtmlAsync(asClerk, $"admin/exchange?code={code.ToLowerInvariant()}");
        Assert.Matches($"id=\"Code\"[^>]*value=\"{code}\"", page);
        Assert.Contains($"data-scanned=\"{code}\"", page);
        Assert.Contains(volunteer.UserName, page);
        Assert.Equal("reserved", (await asVolunteer.GetJsonAsync("api/exchange/redemptions"))[0].GetProperty("status").GetString());
        Assert.Contains("没有这个兑换码", await HtmlAsync(asClerk, "admin/exchange?code=NOSUCH"));
        // A volunteer following the link gets no clerk page.
        using (var r = await asVolunteer.GetAsync($"admin/exchange?code={code}", CT)) Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);

        using (var r = await asClerk.PostFormAsync($"admin/exchange?code={code}", "&handler=Fulfil", new() { ["Code"] = code }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("fulfilled", (await asVolunteer.GetJsonAsync("api/exchange/redemptions"))[0].GetProperty("status").GetString());
        // Fulfilled: the redeemer's page no longer shows a QR to present.
        Assert.DoesNotContain($"api/exchange/redemptions/{code}/qr", await HtmlAsync(asVolunteer, "exchange"));
    }
}

public sealed class VolunteerQrTests_Sqlite(SqliteHost host) : VolunteerQrTests(host);

public sealed class VolunteerQrTests_Postgres(PostgresHost host) : VolunteerQrTests(host);
