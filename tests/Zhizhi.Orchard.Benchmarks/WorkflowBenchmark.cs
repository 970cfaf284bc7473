using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Engine;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Benchmarks;

/// <summary>
/// The workflow engine on one township's database, in process (no HTTP): executions/s of a linear 10-activity
/// workflow started repeatedly (a fresh DbContext and engine per start, as a request has), the sweeper's query
/// among 100,000 waiting timers with GC heap before and after, and the query plans of the due-timer query and of
/// resuming by correlation id. SQLite always; PostgreSQL too when ZHIZHI_TEST_PG names a server (a throwaway
/// database is created and dropped).
/// </summary>
internal static partial class WorkflowBenchmark
{
    private static readonly Township Bench = new() { Name = "bench", DisplayName = "压测镇" };

    public static async Task<int> RunAsync(string[] args)
    {
        var starts = Int(args, "--starts", 500);
        var timers = Int(args, "--timers", 100_000);
        var due = Int(args, "--due", 100);
        var providers = (BareKestrel.Arg(args, "--provider") ?? "sqlite,postgres").Split(',');
        if (providers.Contains("sqlite"))
        {
            var folder = Path.Combine(Path.GetTempPath(), "zhizhi-wfbench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            try
            {
                var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "township.db"), DefaultTimeout = 30, Pooling = true }.ToString();
                await using (var c = new SqliteConnection(cs))
                {
                    await c.OpenAsync();
                    await using var wal = c.CreateCommand();
                    wal.CommandText = "PRAGMA journal_mode=WAL;";
                    await wal.ExecuteNonQueryAsync();
                }
                var options = new DbContextOptionsBuilder<WorkflowsDbContext>().UseSqlite(cs).Options;
                await RunProviderAsync("SQLite", () => new WorkflowsSqliteDbContext(options), starts, timers, due);
                SqliteConnection.ClearAllPools();
            }
            finally
            {
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
        var server = Environment.GetEnvironmentVariable("ZHIZHI_TEST_PG");
        if (providers.Contains("postgres"))
        {
            if (string.IsNullOrWhiteSpace(server))
            {
                Console.WriteLine("PostgreSQL: skipped (set ZHIZHI_TEST_PG, e.g. eval \"$(scripts/pg-throwaway.sh env)\")");
                return 0;
            }
            var name = "zz_wfbench_" + Guid.NewGuid().ToString("N")[..8];
            await ExecuteOnServerAsync(server, $"CREATE DATABASE \"{name}\"");
            try
            {
                var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
                var options = new DbContextOptionsBuilder<WorkflowsDbContext>().UseNpgsql(cs).Options;
                await RunProviderAsync("PostgreSQL", () => new WorkflowsPostgresDbContext(options), starts, timers, due);
                NpgsqlConnection.ClearAllPools();
            }
            finally
            {
                await ExecuteOnServerAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
        }
        return 0;
    }

    private static async Task RunProviderAsync(string provider, Func<WorkflowsDbContext> newDb, int starts, int timerCount, int dueCount)
    {
        Console.WriteLine($"== {provider}");
        var clock = new SettableClock(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var registry = new ActivityRegistry(ActivityRegistry.BuiltIn());
        var signal = new TimerSignal();
        var calendar = new WeekendCalendar(new FixedTownship(Bench));
        await using (var db = newDb()) await db.Database.MigrateAsync();
        await ImportAsync(newDb, registry, clock, Linear());
        await ImportAsync(newDb, registry, clock, Waiting());

        // (a) A linear chain of 10 activities, each start one step (one SaveChanges) in a fresh context.
        async Task<int> StartOne(int i)
        {
            await using var db = newDb();
            var engine = new WorkflowEngine(db, registry, clock, signal, Bench, calendar);
            var instance = await engine.StartAsync("linear", JsonSerializer.SerializeToNode(new { n = i }), $"case-{i}", CancellationToken.None);
            if (instance?.Status != InstanceStatus.Finished) throw new InvalidOperationException($"instance {i}: {instance?.Status} {instance?.Fault}");
            return JsonDocument.Parse(instance.Path).RootElement.GetArrayLength();
        }
        for (var i = 0; i < 100; i++) await StartOne(-1 - i); // warm-up: JIT tiering, pools, query cache
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var executions = 0;
        for (var i = 0; i < starts; i++) executions += await StartOne(i);
        sw.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(Invariant($"linear 10-activity workflow: {starts} instances, {executions} activity executions in {sw.Elapsed.TotalSeconds:F2} s = {executions / sw.Elapsed.TotalSeconds:F0} executions/s ({starts / sw.Elapsed.TotalSeconds:F0} instances/s), CPU {cpuUsed.TotalSeconds:F2} s"));

        // Of that, the sandboxed expressions alone: a fresh limited Jint engine per evaluation, as SetProperty runs it.
        var input = JsonSerializer.SerializeToNode(new { n = 1 });
        var properties = new System.Text.Json.Nodes.JsonObject { ["p1"] = 2, ["p2"] = 3, ["p3"] = 4, ["p4"] = 5 };
        for (var i = 0; i < 200; i++) ScriptSandbox.Evaluate("input.n + 5", input, properties);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var scripts = Stopwatch.StartNew();
        for (var i = 0; i < executions; i++) ScriptSandbox.Evaluate("input.n + 5", input, properties);
        scripts.Stop();
        Console.WriteLine(Invariant($"  of which script evaluation alone: {executions} evaluations in {scripts.Elapsed.TotalSeconds:F2} s, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s"));

        // (b) 100,000 waiting timers: dueCount real instances whose timer comes due, the rest due over the next 30 days.
        for (var i = 0; i < dueCount; i++)
        {
            await using var db = newDb();
            var engine = new WorkflowEngine(db, registry, clock, signal, Bench, calendar);
            var instance = await engine.StartAsync("waiting", null, $"waiting-{i}", CancellationToken.None);
            if (instance?.Status != InstanceStatus.Waiting) throw new InvalidOperationException($"waiting instance {i}: {instance?.Status} {instance?.Fault}");
        }
        var t0 = clock.GetUtcNow().UtcDateTime;
        var random = new Random(42);
        var fill = Stopwatch.StartNew();
        for (var batch = 0; batch < timerCount - dueCount; batch += 10_000)
        {
            await using var db = newDb();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var n = Math.Min(10_000, timerCount - dueCount - batch);
            db.Timers.AddRange(Enumerable.Range(0, n).Select(_ => new WorkflowTimer
            {
                InstanceId = Guid.NewGuid().ToString("N"), ActivityId = "wait",
                DueAt = t0.AddHours(2).AddSeconds(random.Next(0, 30 * 24 * 3600)),
            }));
            await db.SaveChangesAsync();
        }
        await using (var db = newDb())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            Console.WriteLine(Invariant($"timers: {await db.Timers.CountAsync()} rows ({dueCount} due), filled in {fill.Elapsed.TotalSeconds:F1} s"));
        }
        clock.Set(t0.AddHours(1).AddSeconds(1));
        var now = clock.GetUtcNow().UtcDateTime;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var times = new List<double>();
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < 50; i++)
        {
            await using var db = newDb();
            var q = Stopwatch.StartNew();
            // The sweeper's queries: the due timers (RunDueTimersAsync, batch of 100), then the next due time (EndSweep).
            var found = await db.Timers.AsNoTracking().Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).Take(100).ToListAsync();
            var next = await db.Timers.AsNoTracking().OrderBy(t => t.DueAt).Select(t => (DateTime?)t.DueAt).FirstOrDefaultAsync();
            q.Stop();
            if (found.Count != Math.Min(dueCount, 100) || next is null) throw new InvalidOperationException($"sweep found {found.Count}");
            if (i >= 5) times.Add(q.Elapsed.TotalMilliseconds);
        }
        cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        times.Sort();
        var heapAfterQueries = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(Invariant($"sweep query among {timerCount} timers ({Math.Min(dueCount, 100)} found): p50 {times[times.Count / 2]:F2} ms, p95 {times[(int)(times.Count * 0.95)]:F2} ms, max {times[^1]:F2} ms (45 sweeps, CPU {cpuUsed.TotalMilliseconds:F0} ms)"));

        var fire = Stopwatch.StartNew();
        int fired;
        await using (var db = newDb())
            fired = await new WorkflowEngine(db, registry, clock, signal, Bench, calendar).RunDueTimersAsync(100, CancellationToken.None);
        fire.Stop();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(Invariant($"full sweep (find + fire {fired} timers, one step each): {fire.Elapsed.TotalMilliseconds:F0} ms"));
        Console.WriteLine(Invariant($"GC heap: before {heapBefore / 1024.0 / 1024:F1} MB, after 45 sweep queries {heapAfterQueries / 1024.0 / 1024:F1} MB, after firing {heapAfter / 1024.0 / 1024:F1} MB"));

        // (c) Query plans.
        await using (var db = newDb())
        {
            var correlationId = "case-7";
            var byCorrelation = db.Instances.AsNoTracking()
                .Where(i => i.CorrelationId == correlationId && i.Status == InstanceStatus.Waiting).Select(i => i.Id);
            var dueQuery = db.Timers.AsNoTracking().Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).Take(100);
            Console.WriteLine($"plan, instances by correlation id ({await db.Instances.CountAsync()} instances):");
            foreach (var line in await PlanAsync(db, byCorrelation.ToQueryString())) Console.WriteLine("    " + line);
            Console.WriteLine("plan, due timers:");
            foreach (var line in await PlanAsync(db, dueQuery.ToQueryString())) Console.WriteLine("    " + line);
        }
    }

    /// <summary>EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (PostgreSQL) of a query from ToQueryString, its parameters bound again.</summary>
    private static async Task<List<string>> PlanAsync(WorkflowsDbContext db, string queryString)
    {
        var parameters = new List<(string Name, string Value)>();
        var sql = new List<string>();
        foreach (var line in queryString.Split('\n'))
        {
            var m = ParameterLine().Match(line);
            if (m.Success) parameters.Add((m.Groups["name"].Value, m.Groups["value"].Value));
            else sql.Add(line);
        }
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (db.Database.IsNpgsql() ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + string.Join('\n', sql).Trim();
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                : DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d) ? DateTime.SpecifyKind(d, DateTimeKind.Utc)
                : value;
            command.Parameters.Add(p);
        }
        var lines = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(db.Database.IsNpgsql() ? reader.GetString(0) : reader.GetString(reader.FieldCount - 1));
        return lines;
    }

    // ".param set @name 'value'" (SQLite) or "-- @name='value'" (Npgsql), possibly with a type suffix.
    [GeneratedRegex(@"^(?:\.param set |-- )@?(?<name>\w+)[ =]'?(?<value>[^']*)'?")]
    private static partial Regex ParameterLine();

    private static DefinitionDocument Linear() => Document(new
    {
        id = "linear", name = "压测:十个活动的直线流程", enabled = true,
        activities = new object[] { new { id = "start", type = "Start" } }
            .Concat(Enumerable.Range(1, 9).Select(i => new { id = $"s{i}", type = "SetProperty", properties = new { name = $"p{i}", value = $"input.n + {i}" } }))
            .ToArray(),
        transitions = Enumerable.Range(1, 9).Select(i => new { from = i == 1 ? "start" : $"s{i - 1}", outcome = "Done", to = $"s{i}" }).ToArray(),
        startActivities = new[] { "start" },
    });

    private static DefinitionDocument Waiting() => Document(new
    {
        id = "waiting", name = "压测:等待一小时", enabled = true,
        activities = new object[] { new { id = "start", type = "Start" }, new { id = "wait", type = "Timer", properties = new { duration = "PT1H" } }, new { id = "after", type = "SetProperty", properties = new { name = "fired", value = "true" } } },
        transitions = new[] { new { from = "start", outcome = "Done", to = "wait" }, new { from = "wait", outcome = "Done", to = "after" } },
        startActivities = new[] { "start" },
    });

    private static DefinitionDocument Document(object o)
        => JsonSerializer.Deserialize<DefinitionDocument>(JsonSerializer.Serialize(o), DefinitionDocument.JsonOptions)!;

    private static async Task ImportAsync(Func<WorkflowsDbContext> newDb, ActivityRegistry registry, TimeProvider clock, DefinitionDocument document)
    {
        await using var db = newDb();
        var import = new ImportDefinition(db, registry, clock);
        var v = import.Validate(document);
        if (!v.IsValid) throw new InvalidOperationException(string.Join(";", v.Errors.SelectMany(e => e.Value)));
        await import.ExecuteAsync(document, "bench", CancellationToken.None);
    }

    private static async Task ExecuteOnServerAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int Int(string[] args, string name, int fallback)
        => int.Parse(BareKestrel.Arg(args, name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed class FixedTownship(Township township) : ITownshipAccessor
    {
        public Township Current => township;
    }

    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Set(DateTime utc) => _now = new DateTimeOffset(utc, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
