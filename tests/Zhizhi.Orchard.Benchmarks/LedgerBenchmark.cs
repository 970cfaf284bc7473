using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
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
        // PostgreSQL keeps its ledger between runs too, in a database named after the size.
        var database = await BenchDatabase.FromArgsAsync(args, $"zz_ledger_{entries}");
        Console.WriteLine($"ledger: {entries} entries in township '{Township}' ({database.Label}, {data})");

        await using var factory = database.Factory(data);
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

    /// <summary>
    /// Appends entries with raw batched INSERTs (SQLite: prepared INSERTs of 100 rows, a transaction per 50,000;
    /// PostgreSQL: binary COPY, 50,000 per COPY), then sets each account's balance to its new total, so that
    /// balance = sum of the ledger holds as it does for entries the application writes.
    /// </summary>
    private static async Task SeedAsync(PointsDbContext db, int have, int entries)
    {
        var sw = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var accounts = await db.Accounts.ToDictionaryAsync(a => a.UserName, a => a.Balance);
        var at = DateTime.UtcNow.AddDays(-365);
        var postgres = db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            const int batch = 50_000;
            for (var done = have; done < entries;)
            {
                var n = Math.Min(batch, entries - done);
                var rows = new List<(string User, DateTime At, int BalanceAfter)>(n);
                for (var i = 0; i < n; i++, done++)
                {
                    // Every other entry is the measured volunteer's; the rest go round 1,000 other people.
                    var user = done % 2 == 0 ? Volunteer : $"villager-{done % 1000:D4}";
                    var balance = accounts.GetValueOrDefault(user) + 1;
                    accounts[user] = balance;
                    rows.Add((user, at.AddSeconds(done * 30.0), balance));
                }
                if (postgres) await CopyAsync((NpgsqlConnection)connection, rows);
                else await InsertAsync((SqliteConnection)connection, rows);
                Console.Write($"\rseeded {done} / {entries} ({sw.Elapsed.TotalSeconds:F1} s)");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($" = {(entries - have) / sw.Elapsed.TotalSeconds:F0} entries/s; this process's CPU {cpu.TotalSeconds:F1} s = {(entries - have) / cpu.TotalSeconds:F0} entries per CPU-second");
        var existing = (await db.Accounts.Select(a => a.UserName).ToListAsync()).ToHashSet();
        await using var tx = await db.Database.BeginTransactionAsync();
        foreach (var (user, balance) in accounts)
        {
            if (existing.Contains(user)) await db.Accounts.Where(a => a.UserName == user).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, balance));
            else db.Accounts.Add(new PointsAccount { UserName = user, Balance = balance });
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        // Fresh statistics, as autovacuum would give a table that grew this much: without them PostgreSQL may
        // plan the ledger page as a backward scan of the whole primary key.
        if (postgres) await db.Database.ExecuteSqlRawAsync("ANALYZE points_ledger");
    }

    /// <summary>Rows per INSERT statement: one prepared statement of 100 rows (300 parameters), the remainder one by one.</summary>
    private const int RowsPerInsert = 100;

    private static async Task InsertAsync(SqliteConnection connection, List<(string User, DateTime At, int BalanceAfter)> rows)
    {
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var many = Insert(connection, tx, RowsPerInsert);
        await using var one = Insert(connection, tx, 1);
        var i = 0;
        for (; i + RowsPerInsert <= rows.Count; i += RowsPerInsert)
        {
            for (var r = 0; r < RowsPerInsert; r++) Bind(many, r, rows[i + r]);
            await many.ExecuteNonQueryAsync();
        }
        for (; i < rows.Count; i++)
        {
            Bind(one, 0, rows[i]);
            await one.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction tx, int rows)
    {
        var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """INSERT INTO points_ledger ("UserName", "At", "Delta", "BalanceAfter", "Source", "Reason", "Reference", "By") VALUES """
            + string.Join(", ", Enumerable.Range(0, rows).Select(r => $"($u{r}, $a{r}, 1, $b{r}, 'grant', '压测发放', NULL, 'bench')"));
        for (var r = 0; r < rows; r++)
        {
            insert.Parameters.Add($"$u{r}", SqliteType.Text);
            insert.Parameters.Add($"$a{r}", SqliteType.Text);
            insert.Parameters.Add($"$b{r}", SqliteType.Integer);
        }
        insert.Prepare();
        return insert;
    }

    private static void Bind(SqliteCommand insert, int r, (string User, DateTime At, int BalanceAfter) row)
    {
        insert.Parameters[3 * r].Value = row.User;
        // The text form EF Core's SQLite provider writes for a DateTime, so the column reads back as EF wrote it.
        insert.Parameters[3 * r + 1].Value = row.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
        insert.Parameters[3 * r + 2].Value = row.BalanceAfter;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<(string User, DateTime At, int BalanceAfter)> rows)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY points_ledger (\"UserName\", \"At\", \"Delta\", \"BalanceAfter\", \"Source\", \"Reason\", \"By\") FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(row.User, NpgsqlDbType.Varchar);
            await copy.WriteAsync(row.At, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(1, NpgsqlDbType.Integer);
            await copy.WriteAsync(row.BalanceAfter, NpgsqlDbType.Integer);
            await copy.WriteAsync(LedgerSources.Grant, NpgsqlDbType.Varchar);
            await copy.WriteAsync("压测发放", NpgsqlDbType.Varchar);
            await copy.WriteAsync("bench", NpgsqlDbType.Varchar);
        }
        await copy.CompleteAsync();
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
