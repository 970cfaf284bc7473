using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Indexing;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.LegalEducation;

/// <summary>Shortcuts for the legal-education tests: write and publish articles, and wait for the indexer.</summary>
internal static class LegalHelpers
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    public static object Article(string title, string body, string category = "其他", string format = "markdown", string[]? tags = null)
        => new { title, body, format, category, tags = tags ?? [] };

    public static async Task<JsonElement> CreateAsync(HttpClient editor, object article)
    {
        using var response = await editor.PostJsonAsync("api/legal/articles", article);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static async Task<int> CreatePublishedAsync(HttpClient editor, object article)
    {
        var id = (await CreateAsync(editor, article)).GetProperty("id").GetInt32();
        using var response = await editor.PostAsync($"api/legal/articles/{id}/publish", null, CT);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return id;
    }

    public static Task<HttpResponseMessage> PutAsync(HttpClient editor, int id, object article)
        => editor.PutAsJsonAsync($"api/legal/articles/{id}", article, CT);

    public static LegalIndexer Indexer(ZhizhiHost host) => host.Services.GetRequiredService<LegalIndexer>();

    /// <summary>Applies every pending index task of the township now (the same work the background loop does).</summary>
    public static Task<int> DrainAsync(ZhizhiHost host, string township) => Indexer(host).ProcessAsync(township, CT);

    public static async Task<int> PendingTasksAsync(ZhizhiHost host, string township)
    {
        var found = host.Services.GetRequiredService<ITownshipManager>().Find(township) ?? throw new InvalidOperationException(township);
        await using var scope = host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(found);
        return await scope.ServiceProvider.GetRequiredService<LegalDbContext>().IndexTasks.CountAsync(CT);
    }

    public static async Task<JsonElement> SearchAsync(HttpClient client, string q, string? category = null)
        => await client.GetJsonAsync($"api/legal/search?q={Uri.EscapeDataString(q)}" + (category is null ? "" : "&category=" + Uri.EscapeDataString(category)));

    public static int[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32())];

    public static async Task<string> TextAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url, CT);
        await response.ShouldBeAsync(expected);
        return await response.Content.ReadAsStringAsync(CT);
    }
}
