using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Zhizhi.Orchard.Tests.Infrastructure;
using static Zhizhi.Orchard.Tests.LegalEducation.LegalHelpers;

namespace Zhizhi.Orchard.Tests.LegalEducation;

/// <summary>普法 content kinds: law texts by 条, admin-defined fields, cover images, synonyms, index rebuild, view counts.</summary>
public abstract class LegalContentTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private const string CivilCode = "第一千零六十七条 父母不履行抚养义务的,未成年子女或者不能独立生活的成年子女,有要求父母给付抚养费的权利。\n\n"
        + "成年子女不履行赡养义务的,缺乏劳动能力或者生活困难的父母,有要求成年子女给付赡养费的权利。\n\n"
        + "第一千零六十八条 父母有教育、保护未成年子女的权利和义务。\n\n"
        + "第一千零六十九条 子女应当尊重父母的婚姻权利,不得干涉父母离婚、再婚以及婚后的生活。";

    private static object Law(string title, string body, string? issuer = "全国人民代表大会", string? effective = "2021-01-01", string? status = "现行有效")
        => new { title, body, format = "markdown", category = "婚姻家庭", kind = "law", lawIssuer = issuer, lawEffectiveDate = effective, lawStatus = status };

    private static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName, string contentType = "image/png")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return await client.PostAsync("api/legal/media", form, CT);
    }

    [Fact]
    public async Task EachArticleOfALawIsFoundOnItsOwnWithItsAnchor()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = await CreatePublishedAsync(admin, Law("中华人民共和国民法典(婚姻家庭编节选)", CivilCode));
        await DrainAsync(Host, township.Name);
        using var anonymous = township.Anonymous();

        var result = await SearchAsync(anonymous, "干涉父母离婚");
        var first = result.GetProperty("items")[0];
        Assert.Equal(id, first.GetProperty("id").GetInt32());
        Assert.Equal(1069, first.GetProperty("section").GetInt32());
        Assert.Equal($"legal/{id}#tiao-1069", first.GetProperty("url").GetString());
        Assert.Equal("中华人民共和国民法典(婚姻家庭编节选) 第一千零六十九条", first.GetProperty("title").GetString());
        Assert.DoesNotContain("抚养费", first.GetProperty("snippet").GetString());

        var article = await anonymous.GetJsonAsync($"api/legal/articles/{id}");
        Assert.Equal("全国人民代表大会", article.GetProperty("lawIssuer").GetString());
        Assert.Equal("2021-01-01", article.GetProperty("lawEffectiveDate").GetString());
        Assert.Equal("现行有效", article.GetProperty("lawStatus").GetString());
        Assert.Equal([1067, 1068, 1069], article.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("number").GetInt32()));
        Assert.Contains("id=\"tiao-1068\"", article.GetProperty("html").GetString());
        var page = await TextAsync(anonymous, $"legal/{id}");
        Assert.Contains("id=\"tiao-1069\"", page);
        Assert.Contains("href=\"#tiao-1067\"", page);
        Assert.Contains("现行有效", page);

        // Withdrawn, the law and every one of its 条 leave the index.
        using (var r = await admin.PostAsync($"api/legal/articles/{id}/unpublish", null, CT)) await r.ShouldBeAsync(HttpStatusCode.OK);
        await DrainAsync(Host, township.Name);
        Assert.Equal(0, (await SearchAsync(anonymous, "干涉父母离婚")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task BadLawDetailsAndUnknownKindsAre400AndSaveNothing()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using (var r = await admin.PostJsonAsync("api/legal/articles", Law("法", CivilCode, effective: "2021-02-30")))
            Assert.Contains("施行日期", (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("lawEffectiveDate")[0]);
        using (var r = await admin.PostJsonAsync("api/legal/articles", Law("法", CivilCode, status: "作废")))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("lawStatus");
        using (var r = await admin.PostJsonAsync("api/legal/articles", new { title = "文", body = "正文", category = "其他", kind = "article", lawStatus = "现行有效" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("kind");
        using (var r = await admin.PostJsonAsync("api/legal/articles", new { title = "文", body = "正文", category = "其他", kind = "poem" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("kind");
        using (var r = await admin.PostJsonAsync("api/legal/articles", new { title = "文", body = "正文", category = "其他", audience = "老年人" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("audience");
        using (var r = await admin.PostJsonAsync("api/legal/articles", new { title = "文", body = "正文", category = "其他", coverImage = "../../etc/passwd" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("coverImage");
        using (var r = await admin.PostJsonAsync("api/legal/articles", new { title = "文", body = "正文", category = "其他", coverImage = "legal/media/0123456789abcdef0123456789abcdef.png" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("coverImage");
        Assert.Equal(0, (await admin.GetJsonAsync("api/legal/articles")).GetProperty("total").GetInt32());

        var ok = await CreateAsync(admin, new { title = "防诈骗", body = "正文", category = "其他", audience = "老年人防诈骗", kind = "qa" });
        Assert.Equal("老年人防诈骗", ok.GetProperty("audience").GetString());
    }

    [Fact]
    public async Task AdminDefinedFieldsAreCheckedShownAndSearchable()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        async Task<JsonElement> AddFieldAsync(object field)
        {
            using var r = await admin.PostJsonAsync("api/legal/fields", field);
            await r.ShouldBeAsync(HttpStatusCode.Created);
            return await r.JsonAsync();
        }
        await AddFieldAsync(new { kind = "notice", name = "发文字号", type = "text", required = true });
        await AddFieldAsync(new { kind = "notice", name = "截止日期", type = "date" });
        await AddFieldAsync(new { kind = "notice", name = "名额", type = "number" });
        await AddFieldAsync(new { kind = "notice", name = "范围", type = "choice", choices = new[] { "全镇", "本村" } });

        using (var r = await admin.PostJsonAsync("api/legal/fields", new { kind = "notice", name = "发文字号", type = "text" })) await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        // Two admins adding the same field at once: the unique index lets one through.
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostJsonAsync("api/legal/fields", new { kind = "qa", name = "答复人", type = "text" })));
        Assert.Equal(1, racing.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, racing.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var r in racing) r.Dispose();
        using (var r = await admin.PostJsonAsync("api/legal/fields", new { kind = "notice", name = "字号[1]", type = "text" })) (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("name");
        using (var r = await admin.PostJsonAsync("api/legal/fields", new { kind = "poem", name = "韵脚", type = "text" })) (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("kind");
        using (var r = await admin.PostJsonAsync("api/legal/fields", new { kind = "notice", name = "颜色", type = "color" })) (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("type");
        using (var r = await admin.PostJsonAsync("api/legal/fields", new { kind = "notice", name = "级别", type = "choice" })) (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("choices");
        Assert.Equal(4, (await admin.GetJsonAsync("api/legal/fields?kind=notice")).GetArrayLength());

        object Notice(Dictionary<string, string> fields) => new { title = "关于开展冬季消防安全检查的通知", body = "各村:请于月底前完成消防检查。", category = "其他", kind = "notice", fields };
        var bad = new (Dictionary<string, string> Fields, string Error)[]
        {
            (new() { ["截止日期"] = "2026-12-01" }, "fields.发文字号"),
            (new() { ["发文字号"] = "镇政发〔2026〕12号", ["截止日期"] = "2026-13-45" }, "fields.截止日期"),
            (new() { ["发文字号"] = "镇政发〔2026〕12号", ["名额"] = "十个" }, "fields.名额"),
            (new() { ["发文字号"] = "镇政发〔2026〕12号", ["范围"] = "全县" }, "fields.范围"),
            (new() { ["发文字号"] = "镇政发〔2026〕12号", ["颜色"] = "红" }, "fields.颜色"),
        };
        foreach (var (fields, error) in bad)
        {
            using var r = await admin.PostJsonAsync("api/legal/articles", Notice(fields));
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors(error);
        }
        Assert.Equal(0, (await admin.GetJsonAsync("api/legal/articles")).GetProperty("total").GetInt32());

        var created = await CreateAsync(admin, Notice(new() { ["发文字号"] = "镇政发〔2026〕12号", ["截止日期"] = "2026/12/1", ["名额"] = "30", ["范围"] = "全镇" }));
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("2026-12-01", created.GetProperty("fields").GetProperty("截止日期").GetString());
        using (var r = await admin.PostAsync($"api/legal/articles/{id}/publish", null, CT)) await r.ShouldBeAsync(HttpStatusCode.OK);
        await DrainAsync(Host, township.Name);
        using var anonymous = township.Anonymous();

        Assert.Equal([id], Ids(await SearchAsync(anonymous, "镇政发")));
        var page = await TextAsync(anonymous, $"legal/{id}");
        Assert.Contains("发文字号", page);
        Assert.Contains("镇政发〔2026〕12号", page);
        // A field of another kind cannot be filled in on an article.
        using (var r = await PutAsync(admin, id, new { title = "文", body = "正文", category = "其他", kind = "article", fields = new Dictionary<string, string> { ["发文字号"] = "x" } }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("fields.发文字号");
        Assert.Equal(1, (await admin.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task TheEditorShowsCustomFieldsAndTheirChineseErrorsBesideThem()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using (var r = await admin.PostJsonAsync("api/legal/fields", new { kind = "case", name = "案发日期", type = "date" })) await r.ShouldBeAsync(HttpStatusCode.Created);

        Assert.Contains("name=\"Input.Fields[案发日期]\"", await TextAsync(admin, "admin/legal/edit"));
        using var response = await admin.PostFormAsync("admin/legal/edit", "", new()
        {
            ["Input.Title"] = "以案说法:酒后驾驶", ["Input.Body"] = "案情……", ["Input.Category"] = "交通事故", ["Input.Kind"] = "case",
            ["Input.Format"] = "markdown", ["Input.Fields[案发日期]"] = "去年冬天",
        });
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(CT);
        Assert.Contains("“案发日期”须为有效日期", html);
        Assert.Equal(0, (await admin.GetJsonAsync("api/legal/articles")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ImagesAreAcceptedByTheirBytesNotTheirNames()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using var anonymous = township.Anonymous();

        using (var r = await UploadAsync(admin, "<script>alert(1)</script>"u8.ToArray(), "cover.png"))
            Assert.Contains("JPG", (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("file")[0]);
        using (var r = await UploadAsync(admin, new byte[1_000_001].Select((_, i) => i < 8 ? Png()[i] : (byte)0).ToArray(), "big.png"))
            await r.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        using (var r = await UploadAsync(anonymous, Png(), "cover.png")) await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        // A PNG named .jpg is stored as what it is.
        string url;
        using (var r = await UploadAsync(admin, Png(), "照片.jpg", "image/jpeg"))
        {
            await r.ShouldBeAsync(HttpStatusCode.Created);
            var saved = await r.JsonAsync();
            url = saved.GetProperty("url").GetString()!;
            Assert.Matches("^legal/media/[0-9a-f]{32}\\.png$", url);
            Assert.Equal("image/png", saved.GetProperty("contentType").GetString());
        }
        using (var image = await anonymous.GetAsync(url, CT))
        {
            await image.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Png(), await image.Content.ReadAsByteArrayAsync(CT));
        }
        using (var missing = await anonymous.GetAsync("legal/media/..%2F..%2Fsecret.png", CT)) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var id = await CreatePublishedAsync(admin, new { title = "有封面的文章", body = "正文", category = "其他", coverImage = url });
        Assert.Contains($"src=\"/{township.Name}/{url}\"", await TextAsync(anonymous, $"legal/{id}"));
        Assert.Contains($"src=\"/{township.Name}/{url}\"", await TextAsync(anonymous, "legal"));
        // Another township cannot use (or see) this township's image.
        var other = await Host.CreateTownshipAsync();
        using var otherAdmin = await other.AsAdminAsync();
        using (var r = await otherAdmin.PostJsonAsync("api/legal/articles", new { title = "借图", body = "正文", category = "其他", coverImage = url }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("coverImage");
    }

    [Fact]
    public async Task SynonymsWidenTheQueryButTheTypedWordRanksFirst()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var pension = await CreatePublishedAsync(admin, Article("养老纠纷的调解", "村里老人的养老纠纷,先由调委会调解。", "赡养继承"));
        var support = await CreatePublishedAsync(admin, Article("赡养纠纷怎么办", "赡养纠纷可以申请人民调解。", "赡养继承"));
        await DrainAsync(Host, township.Name);
        using var anonymous = township.Anonymous();
        Assert.Equal([support], Ids(await SearchAsync(anonymous, "赡养纠纷")));

        using (var r = await admin.PostJsonAsync("api/legal/synonyms", new { words = new[] { "赡养", "养老" } })) await r.ShouldBeAsync(HttpStatusCode.Created);
        using (var r = await admin.PostJsonAsync("api/legal/synonyms", new { words = new[] { "赡养", " 赡养 " } })) (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("words");
        using (var r = await anonymous.PostJsonAsync("api/legal/synonyms", new { words = new[] { "a", "b" } })) await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        // Applied at query time: no re-indexing in between.
        var widened = await SearchAsync(anonymous, "赡养纠纷");
        Assert.Equal([support, pension], Ids(widened));
        Assert.Contains("<em>养老纠纷</em>", widened.GetProperty("items")[1].GetProperty("snippet").GetString());
        Assert.Equal([pension, support], Ids(await SearchAsync(anonymous, "养老纠纷")));

        var groups = await admin.GetJsonAsync("api/legal/synonyms");
        using (var r = await admin.DeleteAsync($"api/legal/synonyms/{groups[0].GetProperty("id").GetInt32()}", CT)) await r.ShouldBeAsync(HttpStatusCode.NoContent);
        Assert.Equal([support], Ids(await SearchAsync(anonymous, "赡养纠纷")));
    }

    [Fact]
    public async Task AFullRebuildRunsFromDurableTasksAndOnlyOneAtATime()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using var anonymous = township.Anonymous();
        var indexer = Indexer(Host);
        var published = await CreatePublishedAsync(admin, Article("农民工讨薪指南", "欠薪可以向劳动保障监察投诉。", "劳资/欠薪"));
        await CreateAsync(admin, Article("草稿:讨薪", "草稿不进索引。", "劳资/欠薪"));
        await DrainAsync(Host, township.Name);

        using (indexer.Pause(township.Name))
        {
            // Started in parallel: the unique index lets exactly one through.
            var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostAsync("api/legal/index/rebuild", null, CT)));
            Assert.Equal(1, starts.Count(s => s.StatusCode == HttpStatusCode.Accepted));
            Assert.Equal(3, starts.Count(s => s.StatusCode == HttpStatusCode.Conflict));
            foreach (var s in starts) s.Dispose();
            var progress = await admin.GetJsonAsync("api/legal/index/rebuild");
            Assert.Equal(2, progress.GetProperty("total").GetInt32());
            Assert.Equal(0, progress.GetProperty("done").GetInt32());
            Assert.False(progress.GetProperty("finished").GetBoolean());
            Assert.Equal(2, await PendingTasksAsync(Host, township.Name));
            Assert.Contains("正在重建", await TextAsync(admin, "admin/legal/search"));
        }
        // As after a restart: the tasks were in the database all along.
        Assert.Equal(2, await DrainAsync(Host, township.Name));
        var done = await admin.GetJsonAsync("api/legal/index/rebuild");
        Assert.Equal(2, done.GetProperty("done").GetInt32());
        Assert.True(done.GetProperty("finished").GetBoolean());
        Assert.Equal([published], Ids(await SearchAsync(anonymous, "讨薪")));
        using (var again = await admin.PostAsync("api/legal/index/rebuild", null, CT)) await again.ShouldBeAsync(HttpStatusCode.Accepted);
        using (var r = await anonymous.PostAsync("api/legal/index/rebuild", null, CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ViewsAreCountedForResidentsButNotForBotsOrEditors()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = await CreatePublishedAsync(admin, Article("防范养老诈骗", "以“养老项目”为名的集资多是骗局。"));
        using var resident = township.Anonymous();
        resident.DefaultRequestHeaders.UserAgent.ParseAdd(LegalEducationTests.BrowserAgent);
        using var bot = township.Anonymous();
        bot.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)");
        admin.DefaultRequestHeaders.UserAgent.ParseAdd(LegalEducationTests.BrowserAgent);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => TextAsync(resident, $"legal/{id}")));
        await TextAsync(bot, $"legal/{id}");
        await TextAsync(admin, $"legal/{id}");

        Assert.Equal(6, (await resident.GetJsonAsync($"api/legal/articles/{id}")).GetProperty("viewCount").GetInt32());
    }

    [Fact]
    public async Task TheHomePageShowsFeaturedArticlesButNeverDrafts()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using var anonymous = township.Anonymous();
        var plain = await CreatePublishedAsync(admin, Article("普通文章:宅基地", "正文", "土地/山林权属"));
        Assert.Contains("普通文章:宅基地", await TextAsync(anonymous, ""));

        var featured = await CreatePublishedAsync(admin, new { title = "推荐:冬季防火", body = "正文", category = "其他", featured = true });
        await CreateAsync(admin, new { title = "草稿推荐:不该出现", body = "正文", category = "其他", featured = true });
        var home = await TextAsync(anonymous, "");
        Assert.Contains("普法推荐", home);
        Assert.Contains("推荐:冬季防火", home);
        Assert.DoesNotContain("普通文章:宅基地", home);
        Assert.DoesNotContain("草稿推荐", home);
        Assert.Equal([featured], Ids(await anonymous.GetJsonAsync("api/legal/articles?featured=true")));
        using (var r = await anonymous.GetAsync("api/legal/articles?featured=maybe", CT)) (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("featured");
        using (var r = await anonymous.GetAsync("api/legal/articles?kind=poem", CT)) (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("kind");

        // A PUT without "featured" keeps it; with false it leaves the home page.
        using (var r = await PutAsync(admin, featured, Article("推荐:冬季防火(修订)", "正文"))) await r.ShouldBeAsync(HttpStatusCode.OK);
        Assert.True((await admin.GetJsonAsync($"api/legal/articles/{featured}")).GetProperty("featured").GetBoolean());
        using (var r = await PutAsync(admin, featured, new { title = "推荐:冬季防火(修订)", body = "正文", category = "其他", featured = false })) await r.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains("普通文章:宅基地", await TextAsync(anonymous, ""));
        Assert.Contains(plain, Ids(await anonymous.GetJsonAsync("api/legal/articles?featured=false")));
    }

    [Fact]
    public async Task RelatedArticlesShareTagsOrCategoryAndArePublic()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var main = await CreatePublishedAsync(admin, Article("赡养父母是法定义务", "正文", "赡养继承", tags: ["赡养", "老年人"]));
        await CreatePublishedAsync(admin, Article("相关:老年人权益保障", "正文", "其他", tags: ["老年人"]));
        await CreatePublishedAsync(admin, Article("相关:遗产继承顺序", "正文", "赡养继承"));
        await CreatePublishedAsync(admin, Article("无关:交通事故赔偿", "正文", "交通事故"));
        await CreateAsync(admin, Article("草稿:赡养协议范本", "正文", "赡养继承", tags: ["赡养"]));
        using var anonymous = township.Anonymous();

        var page = await TextAsync(anonymous, $"legal/{main}");

        Assert.Contains("相关:老年人权益保障", page);
        Assert.Contains("相关:遗产继承顺序", page);
        Assert.DoesNotContain("无关:交通事故赔偿", page);
        Assert.DoesNotContain("草稿:赡养协议范本", page);
    }
}

public sealed class LegalContentTests_Sqlite(SqliteHost host) : LegalContentTests(host);

public sealed class LegalContentTests_Postgres(PostgresHost host) : LegalContentTests(host);
