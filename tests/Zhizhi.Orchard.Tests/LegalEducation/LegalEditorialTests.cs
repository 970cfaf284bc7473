using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Zhizhi.Orchard.Tests.Infrastructure;
using static Zhizhi.Orchard.Tests.LegalEducation.LegalHelpers;

namespace Zhizhi.Orchard.Tests.LegalEducation;

/// <summary>普法 editorial flow: scheduled publishing, restoring a version, preview, and the sitemap.</summary>
public abstract class LegalEditorialTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task<JsonElementResponse> PublishAtAsync(HttpClient editor, int id, string? publishAt)
    {
        using var response = await editor.PostJsonAsync($"api/legal/articles/{id}/publish", new { publishAt });
        return new(response.StatusCode, await response.JsonAsync());
    }

    private sealed record JsonElementResponse(HttpStatusCode Status, System.Text.Json.JsonElement Json);

    /// <summary>What an anonymous visitor can see of one article, on every public surface.</summary>
    private static async Task<string[]> PublicSurfacesShowingAsync(HttpClient anonymous, int id, string title, string phrase)
    {
        var seen = new List<string>();
        using (var r = await anonymous.GetAsync($"api/legal/articles/{id}", CT)) if (r.StatusCode == HttpStatusCode.OK) seen.Add("api");
        if (Ids(await anonymous.GetJsonAsync("api/legal/articles?pageSize=100")).Contains(id)) seen.Add("list");
        if (Ids(await SearchAsync(anonymous, phrase)).Contains(id)) seen.Add("search");
        if ((await TextAsync(anonymous, "legal/feed.xml")).Contains(title, StringComparison.Ordinal)) seen.Add("feed");
        if ((await TextAsync(anonymous, "sitemap.xml")).Contains($"/legal/{id}<", StringComparison.Ordinal)) seen.Add("sitemap");
        if ((await TextAsync(anonymous, "legal")).Contains(title, StringComparison.Ordinal)) seen.Add("list page");
        if ((await TextAsync(anonymous, "legal?q=" + Uri.EscapeDataString(phrase))).Contains(title, StringComparison.Ordinal)) seen.Add("search page");
        using (var r = await anonymous.GetAsync($"legal/{id}", CT)) if (r.StatusCode == HttpStatusCode.OK) seen.Add("article page");
        return [.. seen];
    }

    private static readonly string[] AllSurfaces = ["api", "list", "search", "feed", "sitemap", "list page", "search page", "article page"];

    [Fact]
    public async Task AnArticleScheduledForLaterIsInvisibleEverywhereUntilItsTime()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using var anonymous = township.Anonymous();
        var id = (await CreateAsync(admin, Article("定时发布:二〇九九年的新规", "鹊桥仙渡口将设立调解驿站。"))).GetProperty("id").GetInt32();

        // Without an offset the time is the township's own (Asia/Shanghai).
        var published = await PublishAtAsync(admin, id, "2099-01-01T08:00");

        Assert.Equal(HttpStatusCode.OK, published.Status);
        Assert.Equal("published", published.Json.GetProperty("status").GetString());
        Assert.StartsWith("2099-01-01T08:00:00", published.Json.GetProperty("publishedAt").GetString());
        Assert.EndsWith("+08:00", published.Json.GetProperty("publishedAt").GetString());
        await DrainAsync(Host, township.Name);
        Assert.Empty(await PublicSurfacesShowingAsync(anonymous, id, "定时发布:二〇九九年的新规", "调解驿站"));
        // Editors still see it, with its date.
        Assert.Contains(id, Ids(await admin.GetJsonAsync("api/legal/articles")));
        Assert.Equal("published", (await admin.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("status").GetString());

        // Withdrawn before its time it has no date; published again without one it is public at once.
        using (var r = await admin.PostAsync($"api/legal/articles/{id}/unpublish", null, CT)) await r.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await admin.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("publishedAt").ValueKind);
        using (var r = await admin.PostAsync($"api/legal/articles/{id}/publish", null, CT)) await r.ShouldBeAsync(HttpStatusCode.OK);
        await DrainAsync(Host, township.Name);
        Assert.Equal(AllSurfaces, await PublicSurfacesShowingAsync(anonymous, id, "定时发布:二〇九九年的新规", "调解驿站"));
    }

    [Fact]
    public async Task AScheduledArticleAppearsByItselfWhenItsTimeComes()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using var anonymous = township.Anonymous();
        const string title = "定时发布:秋收季节防范电信诈骗";
        var id = (await CreateAsync(admin, Article(title, "谨防冒充粮站收购的骗局,鹧鸪天收粮须当面结算。"))).GetProperty("id").GetInt32();
        // The host runs on the system clock (shared by every test), so the time is a few seconds ahead and
        // the test polls; nothing but the clock changes in between: no request, no index task.
        var due = DateTimeOffset.UtcNow.AddSeconds(4);

        var published = await PublishAtAsync(admin, id, Utc(due));
        Assert.Equal(HttpStatusCode.OK, published.Status);
        await DrainAsync(Host, township.Name);
        Assert.Equal(0, await PendingTasksAsync(Host, township.Name));

        // Read every surface once while it is early (this also puts the list page into the output cache).
        var early = await PublicSurfacesShowingAsync(anonymous, id, title, "鹧鸪天");
        if (DateTimeOffset.UtcNow < due) Assert.Empty(early);

        var watch = Stopwatch.StartNew();
        string[] seen;
        while ((seen = await PublicSurfacesShowingAsync(anonymous, id, title, "鹧鸪天")).Length < AllSurfaces.Length)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"30 s after it was scheduled, only these show it: {string.Join(", ", seen)}");
            await Task.Delay(200, CT);
        }
        Assert.True(DateTimeOffset.UtcNow >= due);
        Assert.Equal(0, await PendingTasksAsync(Host, township.Name));
    }

    [Fact]
    public async Task InvalidPublicationTimesAre400AndAScheduledArticleCannotBePublishedTwice()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = (await CreateAsync(admin, Article("发布时间校验", "正文"))).GetProperty("id").GetInt32();

        var bad = await PublishAtAsync(admin, id, "明天早上");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Matches(Infrastructure.Http.Chinese(), bad.Json.FieldErrors("publishAt")[0]);
        using (var r = await admin.PostRawAsync($"api/legal/articles/{id}/publish", "{not json")) (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("publishAt");
        Assert.Equal("draft", (await admin.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await PublishAtAsync(admin, id, "2099-06-01T00:00:00+08:00")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PublishAtAsync(admin, id, "2099-07-01T00:00:00+08:00")).Status);
        Assert.StartsWith("2099-06-01T00:00:00", (await admin.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("publishedAt").GetString());
    }

    [Fact]
    public async Task RestoringAnOldVersionSavesItsContentAsANewVersion()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using var anonymous = township.Anonymous();
        var id = (await CreateAsync(admin, Article("第一稿:宅基地审批", "第一稿写明了蝴蝶兰村的宅基地审批流程。"))).GetProperty("id").GetInt32();
        using (var r = await PutAsync(admin, id, Article("第二稿:宅基地审批", "第二稿删去了流程,只留下联系电话。"))) await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var r = await admin.PostAsync($"api/legal/articles/{id}/publish", null, CT)) await r.ShouldBeAsync(HttpStatusCode.OK);
        await DrainAsync(Host, township.Name);
        Assert.Equal(0, (await SearchAsync(anonymous, "蝴蝶兰")).GetProperty("total").GetInt32());

        using var restored = await admin.PostAsync($"api/legal/articles/{id}/versions/1/restore", null, CT);

        await restored.ShouldBeAsync(HttpStatusCode.OK);
        var article = await restored.JsonAsync();
        Assert.Equal(3, article.GetProperty("version").GetInt32());
        Assert.Equal("第一稿:宅基地审批", article.GetProperty("title").GetString());
        Assert.Contains("蝴蝶兰村", article.GetProperty("body").GetString());
        var versions = await admin.GetJsonAsync($"api/legal/articles/{id}/versions");
        Assert.Equal([3, 2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal("第一稿:宅基地审批", versions[0].GetProperty("title").GetString());
        Assert.Equal(township.AdminUserName, versions[0].GetProperty("savedBy").GetString());
        // The article stays published, and search follows the restored content.
        await DrainAsync(Host, township.Name);
        Assert.Equal("第一稿:宅基地审批", (await anonymous.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("title").GetString());
        Assert.Equal([id], Ids(await SearchAsync(anonymous, "蝴蝶兰")));

        using (var r = await admin.PostAsync($"api/legal/articles/{id}/versions/99/restore", null, CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await admin.PostAsync("api/legal/articles/999999/versions/1/restore", null, CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var resident = await township.RegisterResidentAsync();
        using var residentClient = township.As(resident.Token);
        using (var r = await residentClient.PostAsync($"api/legal/articles/{id}/versions/2/restore", null, CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await anonymous.PostAsync($"api/legal/articles/{id}/versions/2/restore", null, CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(3, (await admin.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task EditorsPreviewADraftAsThePublicPageWouldShowItAndNobodyElseCan()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = (await CreateAsync(admin, Article("草稿预览:农村土地承包", "**土地承包经营权**受法律保护。<script>alert(1)</script>", "土地/山林权属"))).GetProperty("id").GetInt32();

        var preview = await TextAsync(admin, $"admin/legal/preview/{id}");

        Assert.Contains("草稿预览:农村土地承包", preview);
        Assert.Contains("<strong>土地承包经营权</strong>受法律保护", preview);
        Assert.DoesNotContain("<script>alert", preview);
        Assert.Contains("草稿", preview);
        Assert.Contains("zz-article", preview);
        await TextAsync(admin, "admin/legal/preview/999999", HttpStatusCode.NotFound);

        var resident = await township.RegisterResidentAsync();
        using var residentClient = township.As(resident.Token);
        using (var r = await residentClient.GetAsync($"admin/legal/preview/{id}", CT))
        {
            Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.Found });
            Assert.DoesNotContain("土地承包经营权", await r.Content.ReadAsStringAsync(CT));
        }
        using var anonymous = township.Anonymous();
        using (var r = await anonymous.GetAsync($"admin/legal/preview/{id}", CT))
        {
            Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
            Assert.DoesNotContain("土地承包经营权", await r.Content.ReadAsStringAsync(CT));
        }
        // Previewing counts no view.
        Assert.Equal(0, (await admin.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("viewCount").GetInt32());
    }

    [Fact]
    public async Task TheSitemapListsThePortalAndEveryPublicArticleButNoDraft()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var first = await CreatePublishedAsync(admin, Article("网站地图:公开文章一", "正文一"));
        var second = await CreatePublishedAsync(admin, Article("网站地图:公开文章二", "正文二"));
        var draft = (await CreateAsync(admin, Article("网站地图:草稿", "正文三"))).GetProperty("id").GetInt32();
        var scheduled = (await CreateAsync(admin, Article("网站地图:定时", "正文四"))).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await PublishAtAsync(admin, scheduled, "2099-01-01T00:00:00Z")).Status);
        using var anonymous = township.Anonymous();

        using var response = await anonymous.GetAsync("sitemap.xml", CT);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(CT));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Equal(ns + "urlset", xml.Root!.Name);
        var locations = xml.Root.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value).ToList();
        var root = new Uri(Host.Root, township.Name).ToString();
        Assert.Equal(
            [root + "/", root + "/legal", root + "/notices", $"{root}/legal/{second}", $"{root}/legal/{first}"],
            locations);
        Assert.DoesNotContain(locations, l => l.EndsWith($"/legal/{draft}", StringComparison.Ordinal) || l.EndsWith($"/legal/{scheduled}", StringComparison.Ordinal));
        Assert.All(xml.Root.Elements(ns + "url").Skip(3), u => Assert.NotNull(u.Element(ns + "lastmod")));

        // Another township's sitemap knows nothing of these.
        var other = await Host.CreateTownshipAsync();
        using var otherClient = other.Anonymous();
        var otherMap = await TextAsync(otherClient, "sitemap.xml");
        Assert.Contains(new Uri(Host.Root, other.Name) + "/legal<", otherMap);
        Assert.DoesNotContain("/legal/", otherMap);
    }
}

public sealed class LegalEditorialTests_Sqlite(SqliteHost host) : LegalEditorialTests(host);

public sealed class LegalEditorialTests_Postgres(PostgresHost host) : LegalEditorialTests(host);
