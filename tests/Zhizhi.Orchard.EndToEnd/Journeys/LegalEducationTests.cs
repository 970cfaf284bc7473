using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>普法: an editor writes and publishes an article; a resident finds it by a Chinese phrase and reads it.</summary>
public sealed class LegalEducationTests(BrowserHost host) : BrowserTest(host)
{
    private const string Birds = "鹂鹭鸢鹊鹳鸬鹚鹈鹕鹧鸪鹞鹩鹪鹬鸻鹡鸰鹟鹀鹎鸫鹮鹱鹲鹴鹶鹷鹸";

    /// <summary>Four rare characters: a phrase no demo article contains, different on every run.</summary>
    private static string UniquePhrase()
        => "鸣" + string.Concat(Enumerable.Range(0, 4).Select(_ => Birds[RandomNumberGenerator.GetInt32(Birds.Length)])) + "调解室";

    [Fact]
    public async Task Hengjie_editor_publishes_an_article_and_a_resident_finds_it_by_a_Chinese_phrase()
    {
        var phrase = UniquePhrase();
        var title = "邻里纠纷就近调解" + Names.Suffix();
        var body = $"本村在文化礼堂设立了{phrase},邻里之间因宅基地、通道、排水发生纠纷,可以就近申请调解,调解不收取任何费用。";

        var editor = await SignedInPageAsync("hengjie/", "admin", BrowserHost.DemoPassword);
        await editor.GotoAsync("hengjie/admin/legal");
        await editor.Locator("main").GetByRole(AriaRole.Link, new() { Name = "新建文章" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Name = "新建普法文章" })).ToBeVisibleAsync();
        await editor.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await editor.GetByLabel("分类", new() { Exact = true }).SelectOptionAsync("其他");
        await editor.GetByLabel("正文", new() { Exact = true }).FillAsync(body);
        // A file that only pretends to be a picture is refused beside the field, and nothing is saved.
        await editor.GetByLabel("封面图片", new() { Exact = false }).SetInputFilesAsync(new FilePayload { Name = "cover.png", MimeType = "image/png", Buffer = "not an image"u8.ToArray() });
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(editor.Locator("main")).ToContainTextAsync("只能上传 JPG、PNG、GIF 或 WebP 图片");
        await Expect(editor).ToHaveURLAsync(new Regex(@"/hengjie/admin/legal/edit$"));
        await editor.GetByLabel("封面图片", new() { Exact = false }).SetInputFilesAsync(new FilePayload { Name = "cover.png", MimeType = "image/png", Buffer = Png });
        await editor.GetByLabel("首页推荐").CheckAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("已保存为草稿");
        await Expect(editor).ToHaveURLAsync(new Regex(@"/hengjie/admin/legal/edit/\d+$"));
        await Expect(editor.GetByAltText("当前封面")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(editor, "hengjie-admin-legal-edit");

        await editor.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("已发布");
        await Expect(editor.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToContainTextAsync("已发布");

        // A resident, not signed in, searches from the 普法 page.
        var resident = await NewPageAsync();
        await resident.GotoAsync("hengjie/legal");
        await resident.GetByLabel("搜索普法内容").FillAsync(phrase);
        await resident.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        await Expect(resident).ToHaveURLAsync(new Regex(@"/hengjie/legal\?q="));
        var hit = resident.Locator(".zz-hit").Filter(new() { HasText = title });
        // Indexing runs in the background, off the publishing request: the resident may be a moment early.
        var watch = Stopwatch.StartNew();
        while (await hit.CountAsync() == 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the article was not found by its phrase within 20 s of publishing");
            await resident.WaitForTimeoutAsync(250);
            await resident.ReloadAsync();
        }
        await Expect(hit.Locator("em").First).ToBeVisibleAsync();
        Assert.Contains(phrase[..2], string.Concat(await hit.Locator("em").AllInnerTextsAsync()));
        await Expect(hit).ToContainTextAsync(phrase);
        await Screenshots.TakeAsync(resident, "hengjie-legal-search");

        await hit.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(resident).ToHaveURLAsync(new Regex(@"/hengjie/legal/\d+$"));
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(resident.Locator("article")).ToContainTextAsync(phrase);
        await Expect(resident.Locator("article")).ToContainTextAsync("调解不收取任何费用");
        await Expect(resident.Locator("article img.zz-cover")).ToBeVisibleAsync();

        // Featured by the editor, it is on the township's home page.
        await resident.GotoAsync("hengjie/");
        await Expect(resident.Locator(".zz-legal-featured")).ToContainTextAsync(title);
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Hengjie_editor_restores_an_old_version_previews_it_and_schedules_it_for_tomorrow()
    {
        var first = "村规民约修订说明" + Names.Suffix();
        var second = first + "(第二稿)";

        var editor = await SignedInPageAsync("hengjie/", "admin", BrowserHost.DemoPassword);
        await editor.GotoAsync("hengjie/admin/legal/edit");
        await editor.GetByLabel("标题", new() { Exact = true }).FillAsync(first);
        await editor.GetByLabel("分类", new() { Exact = true }).SelectOptionAsync("其他");
        await editor.GetByLabel("正文", new() { Exact = true }).FillAsync("第一稿:村规民约经村民会议讨论通过后施行。");
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("已保存为草稿");
        var editUrl = editor.Url;
        var id = editUrl[(editUrl.LastIndexOf('/') + 1)..];
        await editor.GetByLabel("标题", new() { Exact = true }).FillAsync(second);
        await editor.GetByLabel("正文", new() { Exact = true }).FillAsync("第二稿:删去了讨论程序。");
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("已保存为新版本");

        await editor.GetByRole(AriaRole.Button, new() { Name = "恢复第 1 版" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("已恢复第 1 版,保存为第 3 版");
        await Expect(editor.GetByLabel("标题", new() { Exact = true })).ToHaveValueAsync(first);
        await Expect(editor.GetByRole(AriaRole.Row).Filter(new() { HasText = "当前版本" })).ToContainTextAsync(first);
        await Screenshots.TakeAsync(editor, "hengjie-admin-legal-restored");

        await editor.GetByRole(AriaRole.Link, new() { Name = "预览", Exact = true }).ClickAsync();
        await Expect(editor).ToHaveURLAsync(new Regex($@"/hengjie/admin/legal/preview/{id}$"));
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(first);
        await Expect(editor.Locator("article")).ToContainTextAsync("经村民会议讨论通过后施行");
        await Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("草稿");

        await editor.GotoAsync(editUrl);
        var tomorrow = DateTime.UtcNow.AddHours(8).AddDays(1);
        await editor.GetByLabel("定时发布").FillAsync(tomorrow.ToString("yyyy-MM-dd'T'09:00", System.Globalization.CultureInfo.InvariantCulture));
        await editor.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已定时发布,将于 {tomorrow:yyyy-MM-dd} 09:00 公开");
        await Expect(editor.GetByRole(AriaRole.Row).Filter(new() { HasText = first })).ToContainTextAsync("定时发布");

        // Until tomorrow a visitor finds nothing of it.
        var visitor = await NewPageAsync();
        var response = await visitor.GotoAsync($"hengjie/legal/{id}");
        Assert.Equal(404, response!.Status);
        await visitor.GotoAsync("hengjie/legal");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "普法宣传" })).ToBeVisibleAsync();
        await Expect(visitor.GetByText(first)).ToHaveCountAsync(0);
    }
}
