using System.Diagnostics;
using System.Net;
using Zhizhi.Orchard.Tests.Infrastructure;
using static Zhizhi.Orchard.Tests.LegalEducation.LegalHelpers;

namespace Zhizhi.Orchard.Tests.LegalEducation;

/// <summary>普法: drafts, publishing, search, sanitising and bad input, each test in a township of its own.</summary>
public abstract class LegalEducationTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private const string ShanyangBody = "成年子女对父母负有赡养、扶助和保护的义务。子女不履行赡养义务的,父母有要求子女给付赡养费的权利。"
        + "赡养包括经济上供养、生活上照料和精神上慰藉。兄弟姐妹之间发生纠纷,可以请村调委会调解。";

    internal const string BrowserAgent = "Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

    private const string PropertyBody = "小区业主与物业公司因物业费发生纠纷,双方各执一词。纠纷的起因是电梯维修不及时,业主拒交物业费,物业公司起诉。";

    [Fact]
    public async Task ADraftIsInvisibleToThePublicUntilItIsPublished()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using var anonymous = township.Anonymous();
        // A resident's phone: views without a browser's User-Agent (bots, scripts) are not counted.
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd(BrowserAgent);
        var created = await CreateAsync(admin, Article("草稿:农村宅基地怎么申请", "宅基地申请须经村民会议讨论。", "土地/山林权属"));
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("draft", created.GetProperty("status").GetString());

        await DrainAsync(Host, township.Name);
        using (var response = await anonymous.GetAsync($"api/legal/articles/{id}", CT)) await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await anonymous.GetJsonAsync("api/legal/articles")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await SearchAsync(anonymous, "宅基地")).GetProperty("total").GetInt32());
        Assert.DoesNotContain("宅基地", await TextAsync(anonymous, "legal/feed.xml"));
        Assert.DoesNotContain("宅基地", await TextAsync(anonymous, "legal"));
        await TextAsync(anonymous, $"legal/{id}", HttpStatusCode.NotFound);
        Assert.Equal("draft", (await admin.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("status").GetString());
        Assert.Equal(1, (await admin.GetJsonAsync("api/legal/articles")).GetProperty("total").GetInt32());

        using (var publish = await admin.PostAsync($"api/legal/articles/{id}/publish", null, CT)) await publish.ShouldBeAsync(HttpStatusCode.OK);
        await DrainAsync(Host, township.Name);

        var article = await anonymous.GetJsonAsync($"api/legal/articles/{id}");
        Assert.Equal("published", article.GetProperty("status").GetString());
        Assert.EndsWith("+08:00", article.GetProperty("publishedAt").GetString());
        Assert.Equal([id], Ids(await anonymous.GetJsonAsync("api/legal/articles?category=" + Uri.EscapeDataString("土地/山林权属"))));
        Assert.Equal([id], Ids(await SearchAsync(anonymous, "宅基地")));
        var feed = await TextAsync(anonymous, "legal/feed.xml");
        Assert.Contains("<rss version=\"2.0\">", feed);
        Assert.Contains("草稿:农村宅基地怎么申请", feed);
        Assert.Contains("农村宅基地怎么申请", await TextAsync(anonymous, "legal"));
        Assert.Contains("<em>宅基地</em>", await TextAsync(anonymous, "legal?q=" + Uri.EscapeDataString("宅基地")));
        var page = await TextAsync(anonymous, $"legal/{id}");
        Assert.Contains("宅基地申请须经村民会议讨论", page);
        Assert.Equal(1, (await anonymous.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("viewCount").GetInt32());
    }

    [Fact]
    public async Task ShanyangJiufenRanksTheArticleAboutShanyangFirst()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var property = await CreatePublishedAsync(admin, Article("物业费纠纷怎么解决", PropertyBody, "物业纠纷"));
        var shanyang = await CreatePublishedAsync(admin, Article("子女必须赡养父母", ShanyangBody, "赡养继承"));
        var mediation = await CreatePublishedAsync(admin, Article("人民调解协议具有法律约束力", "经人民调解委员会调解达成的调解协议,具有法律约束力。", "其他"));
        await DrainAsync(Host, township.Name);
        using var anonymous = township.Anonymous();

        var result = await SearchAsync(anonymous, "赡养纠纷");

        var ids = Ids(result);
        Assert.Equal(shanyang, ids[0]);
        var first = result.GetProperty("items")[0];
        Assert.Equal("子女必须赡养父母", first.GetProperty("title").GetString());
        Assert.Contains("<em>赡养</em>", first.GetProperty("snippet").GetString());
        if (ids.Contains(property))
            Assert.True(first.GetProperty("score").GetSingle() > result.GetProperty("items")[Array.IndexOf(ids, property)].GetProperty("score").GetSingle());
        Assert.Equal(mediation, Ids(await SearchAsync(anonymous, "人民调解"))[0]);
        Assert.Equal([property], Ids(await SearchAsync(anonymous, "纠纷", "物业纠纷")));
    }

    [Fact]
    public async Task UnpublishingTakesAnArticleOutOfSearch()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = await CreatePublishedAsync(admin, Article("电信诈骗的常见套路", "冒充公检法、刷单返利、虚假投资理财是常见的电信诈骗套路。"));
        await DrainAsync(Host, township.Name);
        using var anonymous = township.Anonymous();
        Assert.Equal([id], Ids(await SearchAsync(anonymous, "刷单返利")));

        using (var response = await admin.PostAsync($"api/legal/articles/{id}/unpublish", null, CT)) await response.ShouldBeAsync(HttpStatusCode.OK);
        await DrainAsync(Host, township.Name);

        Assert.Equal(0, (await SearchAsync(anonymous, "刷单返利")).GetProperty("total").GetInt32());
        using (var response = await anonymous.GetAsync($"api/legal/articles/{id}", CT)) await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var again = await admin.PostAsync($"api/legal/articles/{id}/unpublish", null, CT)) await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ScriptsAndEventHandlersDoNotSurviveSanitising()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        var html = await CreateAsync(admin, Article("安全的正文",
            "<p onclick=\"steal()\">你好<img src=\"x.png\" onerror=\"alert(1)\"><script>alert(1)</script><a href=\"javascript:alert(1)\">链接</a></p>", format: "html"));
        var markdown = await CreateAsync(admin, Article("Markdown 正文", "你好 <script>alert(1)</script>\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(1)>"));

        var rendered = markdown.GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script", rendered, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", rendered, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", rendered, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", rendered);
        foreach (var field in new[] { html.GetProperty("body").GetString()!, html.GetProperty("html").GetString()! })
        {
            Assert.DoesNotContain("<script", field, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror", field, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onclick", field, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", field, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("你好", field);
        }
        using var onlyScript = await admin.PostJsonAsync("api/legal/articles", Article("只有脚本", "<script>alert(1)</script>", format: "html"));
        (await onlyScript.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("body");
    }

    [Fact]
    public async Task BadArticlesAre400WithChineseReasons()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using (var r = await admin.PostJsonAsync("api/legal/articles", Article("标题", "正文", "不存在的分类")))
            Assert.Contains("不存在的分类", (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("category")[0]);
        using (var r = await admin.PostJsonAsync("api/legal/articles", Article(new string('长', 201), "正文")))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("title");
        using (var r = await admin.PostJsonAsync("api/legal/articles", Article("标题", new string('文', 200_001))))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("body");
        using (var r = await admin.PostJsonAsync("api/legal/articles", Article("标题", "正文", format: "docx")))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("format");
        using (var r = await admin.PostJsonAsync("api/legal/articles", new { title = "标题", body = "正文", category = "其他", tags = new string?[] { null } }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("tags");
        using (var r = await admin.PostJsonAsync("api/legal/articles", new { body = "正文", category = "其他" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("title");
        Assert.Equal(0, (await admin.GetJsonAsync("api/legal/articles")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("api/legal/articles?page=0", "page")]
    [InlineData("api/legal/articles?page=abc", "page")]
    [InlineData("api/legal/articles?pageSize=1000", "pageSize")]
    [InlineData("api/legal/articles?page=-1", "page")]
    [InlineData("api/legal/articles?category=%E4%B8%8D%E5%AD%98%E5%9C%A8", "category")]
    [InlineData("api/legal/search?q=%E8%B0%83%E8%A7%A3&page=0", "page")]
    [InlineData("api/legal/search?q=%E8%B0%83%E8%A7%A3&page=999", "page")]
    [InlineData("api/legal/search?q=", "q")]
    [InlineData("api/legal/search?q=%E8%B0%83%E8%A7%A3&category=x", "category")]
    public async Task InvalidQueriesAre400(string url, string field)
    {
        var township = await Host.CreateTownshipAsync();
        using var anonymous = township.Anonymous();

        using var response = await anonymous.GetAsync(url, CT);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors(field);
    }

    [Fact]
    public async Task AResidentCannotWriteArticlesAndAnonymousNeedsToSignIn()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        using var anonymous = township.Anonymous();

        using (var r = await client.PostJsonAsync("api/legal/articles", Article("居民来稿", "正文"))) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await anonymous.PostJsonAsync("api/legal/articles", Article("匿名来稿", "正文"))) await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var admin = await township.AsAdminAsync();
        var id = (await CreateAsync(admin, Article("管理员草稿", "正文"))).GetProperty("id").GetInt32();
        using (var r = await client.GetAsync($"api/legal/articles/{id}", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var r = await client.PostAsync($"api/legal/articles/{id}/publish", null, CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await client.GetAsync("admin/legal", CT)) Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task EverySaveIsKeptAsAVersion()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = (await CreateAsync(admin, Article("第一稿", "正文一"))).GetProperty("id").GetInt32();

        using (var r = await PutAsync(admin, id, Article("第二稿", "正文二"))) await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var r = await PutAsync(admin, id, Article("第三稿", "正文三", "婚姻家庭"))) await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var r = await PutAsync(admin, id, Article("第四稿", "正文", "未知"))) await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var r = await PutAsync(admin, 999_999, Article("没有这篇", "正文"))) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var versions = await admin.GetJsonAsync($"api/legal/articles/{id}/versions");
        Assert.Equal(["第三稿", "第二稿", "第一稿"], versions.EnumerateArray().Select(v => v.GetProperty("title").GetString()!));
        Assert.Equal([3, 2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.All(versions.EnumerateArray(), v => Assert.Equal(township.AdminUserName, v.GetProperty("savedBy").GetString()));
        var article = await admin.GetJsonAsync($"api/legal/articles/{id}");
        Assert.Equal(3, article.GetProperty("version").GetInt32());
        Assert.Equal("婚姻家庭", article.GetProperty("category").GetString());
    }

    [Fact]
    public async Task IndexTasksWaitInTheDatabaseUntilTheIndexerTakesThem()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using var anonymous = township.Anonymous();
        var indexer = Indexer(Host);

        int id;
        using (indexer.Pause(township.Name))
        {
            id = await CreatePublishedAsync(admin, Article("工伤认定的申请期限", "职工发生事故伤害,用人单位应当自事故伤害发生之日起30日内提出工伤认定申请。", "工伤"));
            // The task was committed with the publication; with the indexer "stopped" it stays there.
            Assert.Equal(1, await PendingTasksAsync(Host, township.Name));
            Assert.Equal(0, await DrainAsync(Host, township.Name));
            Assert.Equal(0, (await SearchAsync(anonymous, "工伤认定")).GetProperty("total").GetInt32());
        }

        // What a start does: sweep every searching township. No drain here: the background loop must do it.
        indexer.SweepAll();
        var watch = Stopwatch.StartNew();
        while ((await SearchAsync(anonymous, "工伤认定")).GetProperty("total").GetInt32() == 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the background indexer did not take the task within 60 s");
            await Task.Delay(50, CT);
        }
        Assert.Equal([id], Ids(await SearchAsync(anonymous, "工伤认定")));
        // The task row is deleted right after the Lucene commit that made the hit visible, not before it.
        while (await PendingTasksAsync(Host, township.Name) != 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the processed index task was not deleted within 60 s");
            await Task.Delay(50, CT);
        }
    }

    [Fact]
    public async Task TheDemoRecipeImportsTheSeedsAndTheDemoSearchesFindThem()
    {
        using var county = await Host.AdminClientAsync();
        var name = Names.Township();
        using (var response = await county.PostJsonAsync("api/tenants", new
        {
            name, displayName = "示范街道" + name, adminUserName = "admin-demo", adminPassword = "Demo-Pass-2026", recipe = "demo-urban",
        }))
            await response.ShouldBeAsync(HttpStatusCode.Created);
        await DrainAsync(Host, name);
        using var anonymous = Host.NewClient(name);

        Assert.Equal(28, (await anonymous.GetJsonAsync("api/legal/articles?pageSize=100")).GetProperty("total").GetInt32());
        // The demo law text: each 条 is its own hit, linked to its anchor.
        var law = (await SearchAsync(anonymous, "干涉父母离婚")).GetProperty("items")[0];
        Assert.EndsWith("#tiao-1069", law.GetProperty("url").GetString());
        var shanyang = await SearchAsync(anonymous, "赡养纠纷");
        Assert.Contains("赡养", shanyang.GetProperty("items")[0].GetProperty("title").GetString());
        var mediation = await SearchAsync(anonymous, "人民调解");
        Assert.Contains("人民调解", mediation.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.True(mediation.GetProperty("total").GetInt32() >= 2);
        Assert.Contains("普法", await TextAsync(anonymous, ""));
    }
}

public sealed class LegalEducationTests_Sqlite(SqliteHost host) : LegalEducationTests(host);

public sealed class LegalEducationTests_Postgres(PostgresHost host) : LegalEducationTests(host);
