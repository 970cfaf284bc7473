using System.Net;
using System.Net.Http.Json;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Operations;

/// <summary>
/// A township's first save of a settings page, sent twice at once (two tabs, a double click): both succeed and one
/// of the values stands, instead of the second insert failing on the key with a 500.
/// </summary>
public abstract class ParallelSettingsSaveTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task<HttpStatusCode[]> PutInParallelAsync(HttpClient admin, string path, IReadOnlyList<object> bodies)
    {
        var responses = await Task.WhenAll(bodies.Select(b => admin.PutAsJsonAsync(path, b, CT)));
        try
        {
            return [.. responses.Select(r => r.StatusCode)];
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task ParallelFirstSavesOfEachSettingsPageAllSucceedAndOneValueStands()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        var reminders = new[] { "P1D", "P2D", "PT4H", "P3D", "PT8H", "P5D" };
        Assert.All(await PutInParallelAsync(admin, "api/disputes/settings/reminders", [.. reminders.Select(r => (object)new { reminderBefore = r })]),
            s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Contains((await admin.GetJsonAsync("api/disputes/settings/reminders")).GetProperty("reminderBefore").GetString(), reminders);

        var prefixes = new[] { "AA", "BB", "CC", "DD", "EE", "FF" };
        Assert.All(await PutInParallelAsync(admin, "api/disputes/settings", [.. prefixes.Select(p => (object)new { caseNoPrefix = p, workflowId = "dispute-three-level" })]),
            s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Contains((await admin.GetJsonAsync("api/disputes/settings")).GetProperty("caseNoPrefix").GetString(), prefixes);

        var limits = new[] { 1, 2, 12, 24, 48, 72 };
        Assert.All(await PutInParallelAsync(admin, "api/mediation/settings", [.. limits.Select(h => (object)new { changeLimitHours = h })]),
            s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Contains((await admin.GetJsonAsync("api/mediation/settings")).GetProperty("changeLimitHours").GetInt32(), limits);
    }
}

public sealed class ParallelSettingsSaveTests_Sqlite(SqliteHost host) : ParallelSettingsSaveTests(host);

public sealed class ParallelSettingsSaveTests_Postgres(PostgresHost host) : ParallelSettingsSaveTests(host);
