using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Disputes;

internal static class DisputeHelpers
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    public static object Report(string title = "邻居搭棚占道", string category = "邻里纠纷", string source = "walk-in", string? village = null, object[]? parties = null)
        => new
        {
            title, description = "两户因搭建雨棚占用通道发生争执,请求调解。", category, village, source,
            parties = parties ?? [new { name = "张三", phone = "13812345678", role = "申请人" }, new { name = "李四", phone = "13987654321", role = "被申请人" }],
        };

    public static async Task<JsonElement> ReportAsync(HttpClient client, object? body = null)
    {
        using var response = await client.PostJsonAsync("api/disputes", body ?? Report());
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> ActAsync(HttpClient client, int id, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostJsonAsync($"api/disputes/{id}/actions", body);
        if (expected == HttpStatusCode.OK)
        {
            await response.ShouldBeAsync(expected);
            return await response.JsonAsync();
        }
        return await response.ShouldBeProblemAsync(expected);
    }

    /// <summary>Polls the case until <paramref name="done"/> holds (routing arrives through the outbox).</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, int id, Func<JsonElement, bool> done, int seconds = 40)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var c = await client.GetJsonAsync($"api/disputes/{id}");
            if (done(c)) return c;
            if (watch.Elapsed > TimeSpan.FromSeconds(seconds)) Assert.Fail($"case never reached the expected state: {c}");
            await Task.Delay(150, CT);
        }
    }

    public static string? Level(this JsonElement c) => c.GetProperty("level").ValueKind == JsonValueKind.Null ? null : c.GetProperty("level").GetString();

    public static IEnumerable<JsonElement> Timeline(this JsonElement c) => c.GetProperty("timeline").EnumerateArray();

    /// <summary>Runs <paramref name="work"/> on the township's dispute tables, as someone with database access would.</summary>
    public static async Task WithDatabaseAsync(ZhizhiHost host, string township, Func<DisputesDbContext, Task> work)
    {
        var t = host.Services.GetRequiredService<ITownshipManager>().Find(township)!;
        await using var scope = host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(t);
        await work(scope.ServiceProvider.GetRequiredService<DisputesDbContext>());
    }

    public static Task TamperAsync(ZhizhiHost host, string township, int caseId, int seq, string note)
        => WithDatabaseAsync(host, township, db => db.Timeline.Where(e => e.CaseId == caseId && e.Seq == seq)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Note, note), CT));
}
