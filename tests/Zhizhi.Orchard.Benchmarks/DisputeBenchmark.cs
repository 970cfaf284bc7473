using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;

namespace Zhizhi.Orchard.Benchmarks;

/// <summary>
/// --cases dispute cases (100,000 by default) in one township, kept in --data between runs: reported over the last
/// 12 months, spread over 20 villages, the township's categories, every status and the three grades, each with its
/// hash-chained timeline (2-4 entries). Seeding is raw multi-row INSERTs through the township's DbContext
/// connection, one transaction per 10,000 cases. Then, over HTTP as the township administrator: the filtered case
/// list (several filter combinations), the dashboard JSON, GET /api/stats, and an export of 10,000 rows.
/// Targets (issue 5): list p95 ≤ 50 ms, statistics ≤ 200 ms, export of 10,000 rows ≤ 3 s.
/// </summary>
internal static class DisputeBenchmark
{
    private const string Township = "jiufen";
    private const string Password = "Bench12345";
    private const int TransactionSize = 10_000;
    private const int RowsPerStatement = 100;
    private static readonly string[] Villages = [.. Enumerable.Range(1, 20).Select(i => $"压测{i:D2}村")];

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = int.Parse(BareKestrel.Arg(args, "--cases") ?? "100000", CultureInfo.InvariantCulture);
        var calls = int.Parse(BareKestrel.Arg(args, "--calls") ?? "200", CultureInfo.InvariantCulture);
        var pg = BareKestrel.Arg(args, "--postgres");
        var data = Path.GetFullPath(BareKestrel.Arg(args, "--data") ?? Path.Combine(Path.GetTempPath(), $"zhizhi-disputes-{cases}{(pg is null ? "" : "-pg")}"));
        Console.WriteLine($"disputes: {cases} cases in township '{Township}' on {(pg is null ? "SQLite" : "PostgreSQL")} ({data})");

        await using var factory = ScaleBenchmark.Factory(data).WithWebHostBuilder(b =>
        {
            if (pg is null) return;
            b.UseSetting("Zhizhi:Database:Provider", "Postgres");
            b.UseSetting("Zhizhi:Database:ConnectionString", pg);
        });
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var manager = factory.Services.GetRequiredService<ITownshipManager>();
        if (manager.Find(Township) is null)
        {
            var created = await manager.CreateAsync(new CreateTownshipRequest(Township, "纠纷压测镇", "admin", Password));
            if (!created.Succeeded) throw new InvalidOperationException(created.Detail);
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, "admin"));
        foreach (var village in Villages)
        {
            using var r = await client.PostAsJsonAsync($"/{Township}/api/portal/villages", new { name = village, kind = "村" });
            if (!r.IsSuccessStatusCode && r.StatusCode != System.Net.HttpStatusCode.Conflict) throw new InvalidOperationException($"village: {r.StatusCode}");
        }

        string[] categories;
        string sampleCaseNo;
        await using (var scope = factory.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(manager.Find(Township)!))
        {
            var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
            categories = [.. await db.Categories.OrderBy(c => c.Order).Select(c => c.Name).ToListAsync()];
            var have = await db.Cases.CountAsync();
            if (have < cases) await SeedAsync(db, have, cases, categories);
            sampleCaseNo = await db.Cases.OrderBy(c => c.Id).Skip(cases / 2).Select(c => c.CaseNo).FirstAsync();
            Console.WriteLine($"cases: {await db.Cases.CountAsync()}, timeline entries: {await db.Timeline.CountAsync()}");
        }

        var local = DateTime.UtcNow.AddHours(8);
        var quarterFrom = local.AddMonths(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var today = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string E(string s) => Uri.EscapeDataString(s);
        var p95s = new List<double>();
        Console.WriteLine("-- case list (GET /api/disputes, page of 20, with total) --");
        foreach (var (what, query) in new[]
        {
            ("no filter", ""),
            ("status=open", "status=open"),
            ("overdue=true", "overdue=true"),
            ("village", $"village={E(Villages[3])}"),
            ("category + last 3 months", $"category={E(categories[0])}&from={quarterFrom}&to={today}"),
            ("grade=red", "grade=red"),
            ("status=closed + village + grade=yellow", $"status=closed&village={E(Villages[7])}&grade=yellow"),
            ("level=township + status=escalated", "level=township&status=escalated"),
            ("case number", $"q={E(sampleCaseNo)}"),
            ("village, page 50", $"village={E(Villages[1])}&page=50"),
        })
            p95s.Add((await MeasureAsync(client, what, $"/{Township}/api/disputes?{query}", calls)).P95);

        Console.WriteLine("-- statistics --");
        if (args.Contains("--show-sql"))
        {
            // The statements behind one dashboard and one filtered list, in full (to read their plans with EXPLAIN).
            using var sql = new SqlCounter();
            sql.Start();
            await MeasureAsync(client, "dashboard JSON (SQL shown below)", $"/{Township}/api/disputes/dashboard", 5);
            sql.Stop();
            sql.Report(5, "dashboards", width: 4000);
            sql.Start();
            await MeasureAsync(client, "closed + village + grade (SQL shown below)", $"/{Township}/api/disputes?status=closed&village={E(Villages[7])}&grade=yellow", 5);
            sql.Stop();
            sql.Report(5, "lists", width: 4000);
        }
        var dashboard = await MeasureAsync(client, "dashboard JSON, last 12 months", $"/{Township}/api/disputes/dashboard", Math.Max(calls / 4, 10));
        var dashboardVillage = await MeasureAsync(client, "dashboard JSON, one village", $"/{Township}/api/disputes/dashboard?village={E(Villages[5])}", Math.Max(calls / 4, 10));
        var stats = await MeasureAsync(client, "GET /api/stats", $"/{Township}/api/stats", Math.Max(calls / 4, 10));

        Console.WriteLine("-- export --");
        var export = await MeasureAsync(client, "export.xlsx, first 10,000 rows", $"/{Township}/api/disputes/export.xlsx", 5, warmUp: 1);
        using (var r = await client.GetAsync($"/{Township}/api/disputes/export.xlsx"))
            Console.WriteLine($"export size: {(await r.Content.ReadAsByteArrayAsync()).Length / 1024} KiB for {Math.Min(cases, 10_000)} rows");

        Console.WriteLine("-- against the targets --");
        Console.WriteLine($"list p95 ≤ 50 ms: worst {p95s.Max():F1} ms → {(p95s.Max() <= 50 ? "met" : "NOT met")}");
        var statsWorst = new[] { dashboard.P95, dashboardVillage.P95, stats.P95 }.Max();
        Console.WriteLine($"statistics ≤ 200 ms: worst p95 {statsWorst:F1} ms → {(statsWorst <= 200 ? "met" : "NOT met")}");
        Console.WriteLine($"export of 10,000 rows ≤ 3 s: p95 {export.P95:F0} ms → {(export.P95 <= 3000 ? "met" : "NOT met")}{(cases < 10_000 ? $" (only {cases} rows here)" : "")}");
        return 0;
    }

    /// <summary>Raw multi-row INSERTs (100 rows a statement) on the context's own connection, one transaction per 10,000 cases.</summary>
    private static async Task SeedAsync(DisputesDbContext db, int have, int total, string[] categories)
    {
        var sw = Stopwatch.StartNew();
        var postgres = db is DisputesPostgresDbContext;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var random = new Random(20261124 + have);
        var now = DateTime.UtcNow;
        var start = now.AddDays(-365);
        var nextId = (await db.Cases.MaxAsync(c => (int?)c.Id) ?? 0) + 1;
        var seqs = await db.Counters.ToDictionaryAsync(c => c.Year, c => c.Next);
        string[] caseColumns = ["Id", "CaseNo", "Year", "Seq", "Title", "Description", "Category", "Village", "Source", "Status", "Level", "Assignee",
            "DeadlineAt", "LevelSince", "ReporterName", "ReportedAt", "ResolvedLevel", "ResolvedAt", "ClosedAt", "Satisfaction", "JudicialConfirmation", "Grade", "Version"];
        string[] timelineColumns = ["CaseId", "Seq", "At", "Kind", "Level", "Actor", "Note", "Public", "PrevHash", "Hash"];
        var caseRows = new List<object?[]>();
        var timelineRows = new List<object?[]>();

        for (var done = have; done < total;)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var n = Math.Min(TransactionSize, total - done);
            for (var i = 0; i < n; i++, done++)
            {
                var id = nextId++;
                // Evenly over the year, with more in the recent months (a township's caseload grows with the platform).
                var reported = start.AddDays(365 * Math.Sqrt(random.NextDouble())).AddSeconds(random.Next(0, 3600));
                var year = reported.AddHours(8).Year;
                var seq = seqs[year] = seqs.GetValueOrDefault(year) + 1;
                var age = (now - reported).TotalDays;
                // Older cases are mostly settled; recent ones still open.
                var roll = random.NextDouble();
                string status, level;
                string? resolvedLevel = null;
                DateTime? resolvedAt = null, closedAt = null, deadline = null;
                int? satisfaction = null;
                var settledShare = age > 30 ? 0.9 : age > 7 ? 0.6 : 0.2;
                if (roll < settledShare)
                {
                    var where = random.NextDouble();
                    resolvedLevel = where < 0.7 ? CaseLevels.Village : where < 0.95 ? CaseLevels.Township : CaseLevels.County;
                    level = resolvedLevel;
                    resolvedAt = reported.AddHours(random.Next(4, 24 * Math.Max(1, Math.Min(20, (int)age))));
                    var after = random.NextDouble();
                    status = after < 0.5 ? CaseStatus.Closed : after < 0.7 ? CaseStatus.Revisited : CaseStatus.Resolved;
                    if (status != CaseStatus.Resolved) closedAt = resolvedAt.Value.AddDays(random.Next(0, 5));
                    if (closedAt > now) closedAt = now;
                    if (status != CaseStatus.Resolved && random.NextDouble() < 0.7) satisfaction = random.NextDouble() < 0.6 ? 5 : random.Next(1, 5);
                }
                else
                {
                    var open = random.NextDouble();
                    status = open < 0.3 ? CaseStatus.Reported : open < 0.8 ? CaseStatus.Accepted : CaseStatus.Escalated;
                    level = status == CaseStatus.Escalated ? (random.NextDouble() < 0.8 ? CaseLevels.Township : CaseLevels.County) : CaseLevels.Village;
                    deadline = reported.AddDays(level == CaseLevels.Village ? 9 : 21);
                }
                var gradeRoll = random.NextDouble();
                var grade = gradeRoll < 0.05 ? CaseGrades.Red : gradeRoll < 0.25 ? CaseGrades.Yellow : CaseGrades.Blue;
                var category = categories[Math.Min(categories.Length - 1, (int)(categories.Length * Math.Pow(random.NextDouble(), 1.5)))];
                var village = random.NextDouble() < 0.97 ? Villages[random.Next(Villages.Length)] : null;
                caseRows.Add([id, $"BM-{year}-{seq:D6}", year, seq, $"压测纠纷 {id}", "压测用的纠纷情况描述,双方对事实各执一词,请求调解。", category, village,
                    CaseSources.All[random.Next(CaseSources.All.Length)], status, level, level == CaseLevels.Village ? "村调委会" : "镇综治中心",
                    deadline, reported, "压测居民", reported, resolvedLevel, resolvedAt, closedAt, satisfaction, false, grade, 1]);

                // The timeline: reported, routed, and the settlement and closing when there were any; hash-chained.
                var prev = HashChain.Genesis;
                var entries = new List<(DateTime At, string Kind, string? Level, string? Note)> { (reported, "reported", null, "压测上报"), (reported.AddSeconds(1), "routed", CaseLevels.Village, "交村级调处") };
                if (level != CaseLevels.Village) entries.Add((reported.AddDays(8), "escalated", CaseLevels.Township, "期限届满,上交"));
                if (resolvedAt is { } ra) entries.Add((ra, "resolve", resolvedLevel, "调解成功"));
                if (closedAt is { } ca) entries.Add((ca, "close", resolvedLevel, null));
                for (var s = 0; s < entries.Count; s++)
                {
                    var e = entries[s];
                    var at = HashChain.Normalize(e.At);
                    var hash = HashChain.Compute(prev, HashChain.Canonical(id, s + 1, at, e.Kind, e.Level, "压测", e.Note, true));
                    timelineRows.Add([id, s + 1, at, e.Kind, e.Level, "压测", e.Note, true, prev, hash]);
                    prev = hash;
                }
                if (caseRows.Count == RowsPerStatement)
                {
                    await InsertAsync(connection, tx.GetDbTransaction(), "disputes_cases", caseColumns, caseRows);
                    await InsertAsync(connection, tx.GetDbTransaction(), "disputes_timeline", timelineColumns, timelineRows);
                }
            }
            await InsertAsync(connection, tx.GetDbTransaction(), "disputes_cases", caseColumns, caseRows);
            await InsertAsync(connection, tx.GetDbTransaction(), "disputes_timeline", timelineColumns, timelineRows);
            await tx.CommitAsync();
            Console.Write($"\rseeded {done} / {total} ({sw.Elapsed.TotalSeconds:F0} s)");
        }
        Console.WriteLine();
        // New cases filed later continue the numbering; PostgreSQL's identity continues after the explicit ids.
        foreach (var (year, next) in seqs)
        {
            if (await db.Counters.AnyAsync(c => c.Year == year)) await db.Counters.Where(c => c.Year == year).ExecuteUpdateAsync(s => s.SetProperty(c => c.Next, next));
            else db.Counters.Add(new Zhizhi.Orchard.DisputeRouting.Settings.CaseCounter { Year = year, Next = next });
        }
        await db.SaveChangesAsync();
        if (postgres) await db.Database.ExecuteSqlRawAsync("SELECT setval(pg_get_serial_sequence('disputes_cases', 'Id'), (SELECT MAX(\"Id\") FROM disputes_cases))");
        await db.Database.ExecuteSqlRawAsync(postgres ? "ANALYZE disputes_cases; ANALYZE disputes_timeline" : "ANALYZE");
        await db.Database.CloseConnectionAsync();
        Console.WriteLine($"seeded {total - have} cases in {sw.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction tx, string table, string[] columns, List<object?[]> rows)
    {
        if (rows.Count == 0) return;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        var values = new List<string>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var names = new string[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                var p = command.CreateParameter();
                p.ParameterName = names[c] = $"@p{r}_{c}";
                p.Value = rows[r][c] ?? DBNull.Value;
                command.Parameters.Add(p);
            }
            values.Add("(" + string.Join(",", names) + ")");
        }
        command.CommandText = $"INSERT INTO {table} ({string.Join(",", columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(",", values)}";
        await command.ExecuteNonQueryAsync();
        rows.Clear();
    }

    private sealed record Timing(double P50, double P95);

    private static async Task<Timing> MeasureAsync(HttpClient client, string what, string url, int calls, int warmUp = 5)
    {
        for (var i = 0; i < warmUp; i++) (await client.GetAsync(url)).EnsureSuccessStatusCode();
        var ms = new List<double>(calls);
        long bytes = 0;
        for (var i = 0; i < calls; i++)
        {
            var sw = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
            ms.Add(sw.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }
        ms.Sort();
        double P(double q) => ms[(int)Math.Min(ms.Count - 1, Math.Ceiling(q * ms.Count) - 1)];
        Console.WriteLine($"{what}: p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, max {ms[^1]:F1} ms ({calls} calls, {bytes / 1024.0:F1} KiB)");
        return new Timing(P(0.50), P(0.95));
    }

    private static async Task<string> TokenAsync(HttpClient client, string userName)
    {
        var response = await client.PostAsJsonAsync($"/{Township}/api/auth/token", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
