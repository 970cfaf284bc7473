using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Zhizhi.Orchard.Host.Tenancy;

namespace Zhizhi.Orchard.Benchmarks;

/// <summary>
/// 1,000 townships in one process. Creates them once (kept in --data between runs), then starts a fresh
/// host on that catalog and measures: start time, the first request to each cold township, and the
/// managed memory added per township that has served requests.
/// </summary>
internal static class ScaleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(BareKestrel.Arg(args, "--townships") ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
        var data = Path.GetFullPath(BareKestrel.Arg(args, "--data") ?? Path.Combine(Path.GetTempPath(), $"zhizhi-scale-{count}"));
        Console.WriteLine($"scale: {count} townships in {data}");

        await using (var setup = Factory(data))
        {
            var manager = setup.Services.GetRequiredService<ITownshipManager>();
            var missing = Enumerable.Range(0, count).Select(Name).Where(n => manager.Find(n) is null).ToList();
            var sw = Stopwatch.StartNew();
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (name, ct) =>
            {
                var result = await manager.CreateAsync(new CreateTownshipRequest(name, "测试镇" + name[1..], "admin", "Bench12345"), ct);
                if (!result.Succeeded) throw new InvalidOperationException(result.Detail);
            });
            if (missing.Count > 0) Console.WriteLine($"created {missing.Count} townships in {sw.Elapsed.TotalSeconds:F1} s ({sw.Elapsed.TotalMilliseconds / missing.Count:F0} ms each)");
        }

        // A new process would be cleaner for start time; a new host in this process is close (JIT is warm
        // for shared code, which a real restart also has after ReadyToRun), and lets us read GC memory.
        var start = Stopwatch.StartNew();
        await using var factory = Factory(data);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();
        var startMs = start.Elapsed.TotalMilliseconds;
        var activator = factory.Services.GetRequiredService<TownshipActivator>();
        Console.WriteLine($"host start with {count} townships in the catalog: {startMs:F0} ms (active townships after start: {activator.ActiveCount})");

        // Warm the code paths once on a township not counted below, so "cold" means cold township, not cold JIT.
        (await client.GetAsync($"/{Name(0)}/")).EnsureSuccessStatusCode();
        var before = Managed();
        var latencies = new List<double>(count);
        for (var i = 1; i < count; i++)
        {
            var sw = Stopwatch.StartNew();
            var response = await client.GetAsync($"/{Name(i)}/");
            latencies.Add(sw.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
            (await client.GetAsync($"/{Name(i)}/api/portal/villages")).EnsureSuccessStatusCode();
        }
        var after = Managed();
        latencies.Sort();
        double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine($"first request to a cold township: p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {latencies[^1]:F1} ms");
        Console.WriteLine($"managed memory: {before / 1048576.0:F1} MB before, {after / 1048576.0:F1} MB after {count - 1} townships served requests: {(after - before) / 1024.0 / (count - 1):F1} KB per township");
        Console.WriteLine($"process working set: {Process.GetCurrentProcess().WorkingSet64 / 1048576.0:F0} MB");
        return 0;
    }

    /// <summary>The host project folder (wwwroot, appsettings), found from the repository root.</summary>
    private static string HostContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Zhizhi.Orchard.sln")))
                return Path.Combine(dir.FullName, "src", "Host", "Zhizhi.Orchard.Host");
        throw new DirectoryNotFoundException("Zhizhi.Orchard.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Name(int i) => $"t{i:D4}";

    private static long Managed()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    internal static WebApplicationFactory<Program> Factory(string data) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseContentRoot(HostContentRoot());
        b.UseEnvironment("Production");
        b.UseSetting("Zhizhi:DataPath", data);
        b.UseSetting("Zhizhi:Demo", "false");
        b.UseSetting("Zhizhi:Admin:Password", "Bench12345");
        b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    });
}
