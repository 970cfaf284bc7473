using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhizhi.Orchard.Tests.Infrastructure;
using static Zhizhi.Orchard.Tests.LegalEducation.LegalHelpers;

namespace Zhizhi.Orchard.Tests.LegalEducation;

/// <summary>Editing the admin-defined fields (issue 3 item 2) and versions that keep field values and settings (item 3).</summary>
public abstract class LegalFieldEditingTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task<JsonElement> AddFieldAsync(HttpClient admin, object field)
    {
        using var r = await admin.PostJsonAsync("api/legal/fields", field);
        await r.ShouldBeAsync(HttpStatusCode.Created);
        return await r.JsonAsync();
    }

    private static Task<HttpResponseMessage> EditAsync(HttpClient admin, int id, object edit) => admin.PutAsJsonAsync($"api/legal/fields/{id}", edit, CT);

    private static object Notice(string title, Dictionary<string, string> fields, string category = "其他", string[]? tags = null, string? audience = null)
        => new { title, body = "各村:请于月底前完成消防检查。", category, kind = "notice", fields, tags = tags ?? [], audience };

    [Fact]
    public async Task LabelsHelpChoicesAndOrderChangeButTheKeyAndTypeOfAFieldInUseDoNot()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var number = await AddFieldAsync(admin, new { kind = "notice", name = "发文字号", type = "text" });
        var scope = await AddFieldAsync(admin, new { kind = "notice", name = "范围", type = "choice", choices = new[] { "全镇", "本村", "片区" } });
        var unused = await AddFieldAsync(admin, new { kind = "notice", name = "备注", type = "text" });
        var numberId = number.GetProperty("id").GetInt32();
        var scopeId = scope.GetProperty("id").GetInt32();

        var published = await CreatePublishedAsync(admin, Notice("关于冬季消防检查的通知", new() { ["发文字号"] = "镇政发〔2026〕12号", ["范围"] = "全镇" }));
        await CreateAsync(admin, Notice("关于春耕的通知(草稿)", new() { ["范围"] = "本村" }));

        // Label, help text, required and order change; the key stays, so stored values keep showing under the new label.
        using (var r = await EditAsync(admin, numberId, new { name = "发文字号", label = "文号", helpText = "如 镇政发〔2026〕1号", type = "text", required = true, order = 5, revision = number.GetProperty("revision").GetInt32() }))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            var edited = await r.JsonAsync();
            Assert.Equal("文号", edited.GetProperty("label").GetString());
            Assert.Equal("发文字号", edited.GetProperty("name").GetString());
            Assert.True(edited.GetProperty("required").GetBoolean());
            Assert.Equal(5, edited.GetProperty("order").GetInt32());
        }
        await DrainAsync(Host, township.Name);
        using var anonymous = township.Anonymous();
        var page = await TextAsync(anonymous, $"legal/{published}");
        Assert.Contains("文号", page);
        Assert.DoesNotContain(">发文字号<", page);
        Assert.Contains("镇政发〔2026〕12号", page);
        Assert.Equal([published], Ids(await SearchAsync(anonymous, "文号")));
        var editor = await TextAsync(admin, $"admin/legal/edit/{published}");
        Assert.Contains("文号(必填)", editor);
        Assert.Contains("如 镇政发〔2026〕1号", editor);
        // The required flag now applies, with the new label in the message.
        using (var r = await PutAsync(admin, published, Notice("关于冬季消防检查的通知", new() { ["范围"] = "全镇" })))
            Assert.Contains("文号", (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("fields.发文字号")[0]);

        // In use: the key and the type are fixed (Chinese errors beside those fields), and nothing changed.
        using (var r = await EditAsync(admin, numberId, new { name = "字号", type = "number" }))
        {
            var problem = await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("不能修改字段类型", problem.FieldErrors("type")[0]);
            Assert.Contains("不能修改", problem.FieldErrors("name")[0]);
        }
        var fields = (await admin.GetJsonAsync("api/legal/fields?kind=notice")).EnumerateArray().ToDictionary(f => f.GetProperty("id").GetInt32());
        Assert.Equal(("发文字号", "text", "文号"), (fields[numberId].GetProperty("name").GetString(), fields[numberId].GetProperty("type").GetString(), fields[numberId].GetProperty("label").GetString()));
        // A field nobody filled in may still change its key and type.
        using (var r = await EditAsync(admin, unused.GetProperty("id").GetInt32(), new { name = "人数", type = "number" }))
            Assert.Equal("number", (await r.JsonAsync()).GetProperty("type").GetString());

        // Choices: "全镇" is used by published content and cannot go; "本村" only by a draft, "片区" by nothing.
        using (var r = await EditAsync(admin, scopeId, new { name = "范围", type = "choice", choices = new[] { "本村", "片区" } }))
            Assert.Contains("选项“全镇”仍被 1 篇已发布内容使用", (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("choices")[0]);
        using (var r = await EditAsync(admin, scopeId, new { name = "范围", type = "choice", choices = new[] { "全镇", "全县" } }))
            Assert.Equal(["全镇", "全县"], (await r.JsonAsync()).GetProperty("choices").Strings());
        var form = await TextAsync(admin, "admin/legal/edit");
        Assert.Contains("全县", form);
        Assert.DoesNotContain(">片区<", form);
        using (var r = await admin.PostJsonAsync("api/legal/articles", Notice("新通知", new() { ["发文字号"] = "1", ["范围"] = "片区" })))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("fields.范围");
        using (var r = await EditAsync(admin, 999999, new { name = "x", type = "text" })) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheAdminPageEditsAFieldAndShowsTheTypeErrorBesideIt()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var field = await AddFieldAsync(admin, new { kind = "notice", name = "发文字号", type = "text" });
        var id = field.GetProperty("id").GetInt32();
        await CreateAsync(admin, Notice("通知", new() { ["发文字号"] = "镇政发〔2026〕3号" }));

        var form = await TextAsync(admin, $"admin/legal/fields?edit={id}");
        Assert.Contains("编辑字段", form);
        using (var r = await admin.PostFormAsync("admin/legal/fields", $"?handler=Edit&id={id}", new()
        {
            ["Edit.Name"] = "发文字号", ["Edit.Label"] = "文号", ["Edit.Type"] = "date", ["Edit.Order"] = "0", ["Edit.Revision"] = "0",
        }))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            var html = await r.Content.ReadAsStringAsync(CT);
            Assert.Matches("data-valmsg-for=\"Edit.Type\"[^>]*>[^<]*不能修改字段类型", html);
        }
        Assert.Equal("发文字号", Assert.Single((await admin.GetJsonAsync("api/legal/fields")).EnumerateArray()).GetProperty("label").GetString());

        // An order that is not a whole number: a Chinese message beside it, nothing saved.
        using (var r = await admin.PostFormAsync("admin/legal/fields", $"?handler=Edit&id={id}", new()
        {
            ["Edit.Name"] = "发文字号", ["Edit.Label"] = "文号", ["Edit.Type"] = "text", ["Edit.Order"] = "第二", ["Edit.Revision"] = "0",
        }))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Matches("data-valmsg-for=\"Edit.Order\"[^>]*>[^<]*排序应为整数", await r.Content.ReadAsStringAsync(CT));
        }
        Assert.Equal((0, "发文字号"), Assert.Single((await admin.GetJsonAsync("api/legal/fields")).EnumerateArray()) is var f ? (f.GetProperty("revision").GetInt32(), f.GetProperty("label").GetString()) : default);

        using (var r = await admin.PostFormAsync("admin/legal/fields", $"?handler=Edit&id={id}", new()
        {
            ["Edit.Name"] = "发文字号", ["Edit.Label"] = "文号", ["Edit.HelpText"] = "按发文登记簿填写", ["Edit.Type"] = "text", ["Edit.Order"] = "2", ["Edit.Revision"] = "0",
        }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var saved = Assert.Single((await admin.GetJsonAsync("api/legal/fields")).EnumerateArray());
        Assert.Equal(("文号", "按发文登记簿填写", 1), (saved.GetProperty("label").GetString(), saved.GetProperty("helpText").GetString(), saved.GetProperty("revision").GetInt32()));

        // A form based on the old revision is stale now: refused with a message, nothing changed.
        using (var r = await admin.PostFormAsync("admin/legal/fields", $"?handler=Edit&id={id}", new()
        {
            ["Edit.Name"] = "发文字号", ["Edit.Label"] = "字号", ["Edit.Type"] = "text", ["Edit.Order"] = "2", ["Edit.Revision"] = "0",
        }))
            Assert.Contains("已被他人修改", await r.Content.ReadAsStringAsync(CT));
        Assert.Equal("文号", Assert.Single((await admin.GetJsonAsync("api/legal/fields")).EnumerateArray()).GetProperty("label").GetString());
    }

    [Fact]
    public async Task OfTwoParallelEditsOfTheSameRevisionOneWinsAndTheOtherGets409()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var field = await AddFieldAsync(admin, new { kind = "notice", name = "发文字号", type = "text" });
        var id = field.GetProperty("id").GetInt32();

        var labels = Enumerable.Range(1, 6).Select(i => $"文号{i}").ToArray();
        var responses = await Task.WhenAll(labels.Select(label => EditAsync(admin, id, new { name = "发文字号", label, type = "text", revision = 0 })));
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
                Assert.Contains("已被他人修改", (await r.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
            var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).JsonAsync();
            var stored = Assert.Single((await admin.GetJsonAsync("api/legal/fields")).EnumerateArray());
            Assert.Equal(winner.GetProperty("label").GetString(), stored.GetProperty("label").GetString());
            Assert.Equal(1, stored.GetProperty("revision").GetInt32());
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }

        // Without a revision the edit applies to the revision it read: still one winner per revision.
        var unconditioned = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => EditAsync(admin, id, new { name = "发文字号", label = $"字号{i}", type = "text" })));
        Assert.True(unconditioned.Count(r => r.StatusCode == HttpStatusCode.OK) >= 1);
        Assert.All(unconditioned, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict));
        var final = Assert.Single((await admin.GetJsonAsync("api/legal/fields")).EnumerateArray());
        Assert.Equal(1 + unconditioned.Count(r => r.StatusCode == HttpStatusCode.OK), final.GetProperty("revision").GetInt32());
        foreach (var r in unconditioned) r.Dispose();
    }

    [Fact]
    public async Task VersionsKeepFieldValuesAndSettingsShowThemAndRestoreAndPreviewBringThemBack()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await AddFieldAsync(admin, new { kind = "notice", name = "发文字号", type = "text" });
        await AddFieldAsync(admin, new { kind = "notice", name = "范围", type = "choice", choices = new[] { "全镇", "本村" } });

        var id = (await CreateAsync(admin, Notice("第一稿", new() { ["发文字号"] = "镇政发〔2026〕1号", ["范围"] = "全镇" }, "邻里纠纷", ["消防"], "村民"))).GetProperty("id").GetInt32();
        using (var r = await PutAsync(admin, id, Notice("第二稿", new() { ["发文字号"] = "镇政发〔2026〕2号", ["范围"] = "本村" }, "其他", ["安全", "冬季"], "企业")))
            await r.ShouldBeAsync(HttpStatusCode.OK);

        var versions = (await admin.GetJsonAsync($"api/legal/articles/{id}/versions")).EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal("镇政发〔2026〕1号", versions[1].GetProperty("fields").GetProperty("发文字号").GetString());
        Assert.Equal(("邻里纠纷", "村民"), (versions[1].GetProperty("category").GetString(), versions[1].GetProperty("audience").GetString()));
        Assert.Equal(["消防"], versions[1].GetProperty("tags").Strings());
        Assert.Equal("本村", versions[0].GetProperty("fields").GetProperty("范围").GetString());

        // The history on the editor page shows the kept values; the preview of version 1 shows them as they were.
        var editor = await TextAsync(admin, $"admin/legal/edit/{id}");
        Assert.Matches("data-version-values=\"1\"[\\s\\S]*?邻里纠纷[\\s\\S]*?镇政发〔2026〕1号", editor);
        var preview = await TextAsync(admin, $"admin/legal/preview/{id}?version=1");
        Assert.Contains("第 1 版", preview);
        Assert.Contains("第一稿", preview);
        Assert.Contains("镇政发〔2026〕1号", preview);
        Assert.DoesNotContain("镇政发〔2026〕2号", preview);
        await TextAsync(admin, $"admin/legal/preview/{id}?version=99", HttpStatusCode.NotFound);

        using (var r = await admin.PostAsync($"api/legal/articles/{id}/versions/1/restore", null, CT))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            var restored = await r.JsonAsync();
            Assert.Equal(3, restored.GetProperty("version").GetInt32());
            Assert.Equal("第一稿", restored.GetProperty("title").GetString());
            Assert.Equal("镇政发〔2026〕1号", restored.GetProperty("fields").GetProperty("发文字号").GetString());
            Assert.Equal("全镇", restored.GetProperty("fields").GetProperty("范围").GetString());
            Assert.Equal(("邻里纠纷", "村民"), (restored.GetProperty("category").GetString(), restored.GetProperty("audience").GetString()));
            Assert.Equal(["消防"], restored.GetProperty("tags").Strings());
        }
        var latest = (await admin.GetJsonAsync($"api/legal/articles/{id}/versions")).EnumerateArray().First();
        Assert.Equal(3, latest.GetProperty("number").GetInt32());
        Assert.Equal("全镇", latest.GetProperty("fields").GetProperty("范围").GetString());

        // A choice withdrawn since is not brought back: the restore keeps only what the definitions accept now.
        var scopeField = (await admin.GetJsonAsync("api/legal/fields?kind=notice")).EnumerateArray().Single(f => f.GetProperty("name").GetString() == "范围");
        using (var r = await EditAsync(admin, scopeField.GetProperty("id").GetInt32(), new { name = "范围", type = "choice", choices = new[] { "全镇" } }))
            await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var r = await admin.PostAsync($"api/legal/articles/{id}/versions/2/restore", null, CT))
        {
            var restored = await r.JsonAsync();
            Assert.Equal("第二稿", restored.GetProperty("title").GetString());
            Assert.False(restored.GetProperty("fields").TryGetProperty("范围", out _));
            Assert.Equal("镇政发〔2026〕2号", restored.GetProperty("fields").GetProperty("发文字号").GetString());
        }
    }
}

public sealed class LegalFieldEditingTests_Sqlite(SqliteHost host) : LegalFieldEditingTests(host);

public sealed class LegalFieldEditingTests_Postgres(PostgresHost host) : LegalFieldEditingTests(host);
