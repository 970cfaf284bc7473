using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Ledger;

namespace Zhizhi.Orchard.Benchmarks;

/// <summary>
/// A points ledger of --entries entries in one township (half of them one volunteer's, the rest spread over
/// 1,000 others), kept in --data between runs. Measures, through HTTP as the volunteer: GET balance, the
/// first ledger page and a page from the middle (keyset "before"), and checks the balance equals the ledger sum.
/// </summary>
internal static class LedgerBenchmark
{
    private const string Township = "ledger";
    private const string Password = "Bench12345";
    private const string Volunteer = "bench-volunteer";

    public static async Task<int> RunAsync(string[] args)
    {
        var entries = int.Parse(BareKestrel.Arg(args, "--entries") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture);
        var calls = int.Parse(BareKestrel.Arg(args, "--calls") ?? "500", System.Globalization.CultureInfo.InvariantCulture);
        var data = Path.GetFullPath(BareKestrel.Arg(args, "--data") ?? Path.Combine(Path.GetTempPath(), $"zhizhi-ledger-{entries}"));
        Console.WriteLine($"ledger: {entries} entries in township '{Township}' ({data})");

        await using var factory = ScaleBenchmark.Factory(data);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var manager = factory.Services.GetRequiredService<ITownshipManager>();
        if (manager.Find(Township) is null)
        {
            var created = await manager.CreateAsync(new CreateTownshipRequest(Township, "积分测试镇", "admin", Password));
            if (!created.Succeeded) throw new InvalidOperationException(created.Detail);
            var admin = await TokenAsync(client, "admin");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/{Township}/api/users")
            {
                Content = JsonContent.Create(new { userName = Volunteer, password = Password, displayName = "压测志愿者", phone = "13800000000", roles = new[] { "Volunteer" } }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        }

        await using (var scope = factory.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(manager.Find(Township)!))
        {
            var db = scope.ServiceProvider.GetRequiredService<PointsDbContext>();
            var have = await db.Ledger.CountAsync();
            if (have < entries) await SeedAsync(db, have, entries);
            var sw = Stopwatch.StartNew();
            var sum = await db.Ledger.Where(e => e.UserName == Volunteer).SumAsync(e => (long)e.Delta);
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.UserName == Volunteer);
            Console.WriteLine($"ledger rows: {await db.Ledger.CountAsync()}, volunteer's balance {account.Balance}, ledger sum {sum} ({(sum == account.Balance ? "equal" : "DIFFERENT")}; SUM took {sw.Elapsed.TotalMilliseconds:F0} ms)");
        }

        var token = await TokenAsync(client, Volunteer);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var first = await client.GetFromJsonAsync<JsonElement>($"/{Township}/api/points/ledger?take=50");
        var newest = first[0].GetProperty("id").GetInt64();
        var middle = newest / 2;

        await MeasureAsync(client, "GET balance", $"/{Township}/api/points/balance", calls);
        await MeasureAsync(client, "GET ledger, first page of 50", $"/{Township}/api/points/ledger?take=50", calls);
        await MeasureAsync(client, "GET ledger, page of 50 from the middle", $"/{Township}/api/points/ledger?take=50&before={middle}", calls);
        return 0;
    }

    private static async Task SeedAsync(PointsDbContext db, int have, int entries)
    {
        var sw = Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var accounts = await db.Accounts.ToDictionaryAsync(a => a.UserName, a => a.Balance);
        var at = DateTime.UtcNow.AddDays(-365);
        const int batch = 20_000;
        for (var done = have; done < entries;)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var n = Math.Min(batch, entries - done);
            for (var i = 0; i < n; i++, done++)
            {
                // Every other entry is the measured volunteer's; the rest go round 1,000 other people.
                var user = done % 2 == 0 ? Volunteer : $"villager-{done % 1000:D4}";
                var balance = accounts.GetValueOrDefault(user) + 1;
                accounts[user] = balance;
                db.Ledger.Add(new LedgerEntry
                {
                    UserName = user, At = at.AddSeconds(done * 30.0), Delta = 1, BalanceAfter = balance, Source = LedgerSources.Grant, Reason = "压测发放", By = "bench",
                });
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            await tx.CommitAsync();
            Console.Write($"\rseeded {done} / {entries} ({sw.Elapsed.TotalSeconds:F0} s)");
        }
        Console.WriteLine();
        var existing = (await db.Accounts.Select(a => a.UserName).ToListAsync()).ToHashSet();
        foreach (var (user, balance) in accounts)
        {
            if (existing.Contains(user)) await db.Accounts.Where(a => a.UserName == user).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, balance));
            else db.Accounts.Add(new PointsAccount { UserName = user, Balance = balance });
        }
        await db.SaveChangesAsync();
    }

    private static async Task MeasureAsync(HttpClient client, string what, string url, int calls)
    {
        for (var i = 0; i < 20; i++) (await client.GetAsync(url)).EnsureSuccessStatusCode();
        var ms = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var sw = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            ms.Add(sw.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }
        ms.Sort();
        double P(double q) => ms[(int)Math.Min(ms.Count - 1, Math.Ceiling(q * ms.Count) - 1)];
        Console.WriteLine($"{what}: p50 {P(0.50):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms, max {ms[^1]:F2} ms ({calls} calls)");
    }

    private static async Task<string> TokenAsync(HttpClient client, string userName)
    {
        var response = await client.PostAsJsonAsync($"/{Township}/api/auth/token", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
