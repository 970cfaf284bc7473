using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Zhizhi.Orchard.Benchmarks;

/// <summary>
/// Mediation booking on one township, in process: 31 days of free slots (HTTP round trip, so an upper bound
/// on the computation), bookings per second on distinct slots with parallel clients, and 200 parallel
/// requests for one slot (expect one 201 and 199 409s).
/// </summary>
internal static class BookingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var bookings = int.Parse(BareKestrel.Arg(args, "--bookings") ?? "2000", System.Globalization.CultureInfo.InvariantCulture);
        var parallel = int.Parse(BareKestrel.Arg(args, "--parallel") ?? "16", System.Globalization.CultureInfo.InvariantCulture);
        var run = Guid.NewGuid().ToString("N")[..8];
        var data = Path.Combine(Path.GetTempPath(), "zhizhi-booking-" + run);
        var database = await BenchDatabase.FromArgsAsync(args, "zz_booking_" + run);
        Console.WriteLine($"booking: {bookings} bookings, {parallel} clients, {database.Label}");
        try
        {
            await using var factory = database.Factory(data);
            using var root = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var manager = factory.Services.GetRequiredService<ITownshipManager>();
            var created = await manager.CreateAsync(new CreateTownshipRequest("bench", "压测镇", "admin", "Bench12345"));
            if (!created.Succeeded) throw new InvalidOperationException(created.Detail);
            var admin = await ClientAsync(factory, await TokenAsync(root, "admin", "Bench12345"));
            using var room = await admin.PostAsJsonAsync("api/mediation/rooms", new
            {
                name = "压测调解室", address = "镇上", specialties = new[] { "邻里纠纷" }, slotMinutes = 10,
                openingHours = Enumerable.Range(1, 7).Select(d => new { dayOfWeek = d, start = "00:00", end = "23:50" }).ToArray(),
                mediators = new[] { new { name = "压测调解员", type = "专职" } },
            });
            room.EnsureSuccessStatusCode();
            var roomId = (await room.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var residents = new List<HttpClient>();
            for (var i = 0; i < 4; i++)
            {
                var name = $"r{i}bench";
                (await root.PostAsJsonAsync("bench/api/auth/register", new { userName = name, password = "Bench-12345", displayName = "居民" + i, phone = "13800138000" })).EnsureSuccessStatusCode();
                residents.Add(await ClientAsync(factory, await TokenAsync(root, name, "Bench-12345", "bench/")));
            }

            var first = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(2);
            string Slot(int i) => $"{first.AddDays(i / 143):yyyy-MM-dd}T{i % 143 * 10 / 60:00}:{i % 143 * 10 % 60:00}:00+08:00";
            object Body(string start) => new { roomId, start, category = "邻里纠纷", description = "压测" };

            using var sql = args.Contains("--count-sql") ? new SqlCounter() : null;
            sql?.Start();
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var next = -1;
            var failed = 0;
            var latencies = new double[bookings];
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(async w =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < bookings)
                {
                    var t = Stopwatch.StartNew();
                    using var r = await residents[w % residents.Count].PostAsJsonAsync("api/mediation/bookings", Body(Slot(i)));
                    latencies[i] = t.Elapsed.TotalMilliseconds;
                    if (r.StatusCode != HttpStatusCode.Created) Interlocked.Increment(ref failed);
                }
            }));
            sw.Stop();
            sql?.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            Console.WriteLine($"bookings on distinct slots: {bookings} in {sw.Elapsed.TotalSeconds:F2} s = {bookings / sw.Elapsed.TotalSeconds:F0}/s ({parallel} clients, {failed} not 201); process CPU {cpu.TotalSeconds:F2} s = {cpu.TotalMilliseconds / bookings:F2} ms per booking");
            Array.Sort(latencies);
            Console.WriteLine($"  latency per booking: p50 {latencies[bookings / 2]:F1} ms, p95 {latencies[(int)(bookings * 0.95)]:F1} ms, max {latencies[^1]:F1} ms");
            sql?.Report(bookings, "bookings");

            var times = new List<double>();
            for (var i = 0; i < 60; i++)
            {
                var t = Stopwatch.StartNew();
                using var r = await admin.GetAsync($"api/mediation/rooms/{roomId}/slots?from={first:yyyy-MM-dd}&to={first.AddDays(30):yyyy-MM-dd}");
                r.EnsureSuccessStatusCode();
                await r.Content.ReadAsByteArrayAsync();
                if (i >= 10) times.Add(t.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"31 days of slots (≈4,400 slots, {Math.Min(bookings, 31 * 143)} booked) over HTTP: p50 {times[times.Count / 2]:F2} ms, p95 {times[(int)(times.Count * 0.95)]:F2} ms");

            // The computation itself, as the endpoint runs it (room, calendar, the range's bookings and the mediators'
            // absences and bookings elsewhere read from the database, then the slots generated and marked), without HTTP:
            // for the benchmark's extreme room (open around the clock, 10-minute slots), and for an ordinary one
            // (weekdays 09:00-12:00 and 14:00-17:30, 30-minute slots) with every other slot booked.
            using (var ordinary = await admin.PostAsJsonAsync("api/mediation/rooms", new
            {
                name = "普通调解室", address = "镇综治中心", specialties = new[] { "邻里纠纷" }, slotMinutes = 30,
                openingHours = Enumerable.Range(1, 5).SelectMany(d => new[] { new { dayOfWeek = d, start = "09:00", end = "12:00" }, new { dayOfWeek = d, start = "14:00", end = "17:30" } }).ToArray(),
                mediators = new[] { new { name = "普通调解员", type = "专职" } },
            }))
            {
                ordinary.EnsureSuccessStatusCode();
                var ordinaryId = (await ordinary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
                var free = (await admin.GetFromJsonAsync<JsonElement>($"api/mediation/rooms/{ordinaryId}/slots?from={first:yyyy-MM-dd}&to={first.AddDays(30):yyyy-MM-dd}"))
                    .EnumerateArray().Where(x => x.GetProperty("available").GetBoolean()).Select(x => x.GetProperty("start").GetString()!).ToList();
                for (var i = 0; i < free.Count; i += 2)
                    using (var r = await residents[i % residents.Count].PostAsJsonAsync("api/mediation/bookings", new { roomId = ordinaryId, start = free[i], category = "邻里纠纷", description = "压测" }))
                        r.EnsureSuccessStatusCode();
                var township = manager.Find("bench")!;
                foreach (var (what, id) in new[] { ($"extreme room ({Math.Min(bookings, 31 * 143)} of ≈4,400 slots booked)", roomId), ($"ordinary room ({(free.Count + 1) / 2} of {free.Count} slots booked)", ordinaryId) })
                {
                    var computed = new List<double>();
                    for (var i = 0; i < 510; i++)
                    {
                        await using var scope = factory.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(township);
                        var roomSlots = scope.ServiceProvider.GetRequiredService<Zhizhi.Orchard.Mediation.Rooms.RoomSlots>();
                        var t = Stopwatch.StartNew();
                        var list = await roomSlots.ForAsync(id, first, first.AddDays(30), CancellationToken.None) ?? throw new InvalidOperationException("room not found");
                        if (i >= 10) computed.Add(t.Elapsed.TotalMilliseconds);
                        if (list.Count == 0) throw new InvalidOperationException("no slots");
                    }
                    computed.Sort();
                    double P(double q) => computed[(int)(computed.Count * q)];
                    Console.WriteLine($"31 days of slots computed in process, {what}: p50 {P(0.5):F2} ms, p90 {P(0.9):F2} ms, p95 {P(0.95):F2} ms, max {computed[^1]:F2} ms (500 calls; target ≤ 5 ms)");
                }
            }

            var contested = Slot(bookings + 1);
            var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
            {
                using var r = await residents[i % residents.Count].PostAsJsonAsync("api/mediation/bookings", Body(contested));
                return (int)r.StatusCode;
            }));
            Console.WriteLine($"200 parallel requests for one slot: {statuses.Count(s => s == 201)}×201, {statuses.Count(s => s == 409)}×409, {statuses.Count(s => s >= 500)}×5xx");
            return 0;
        }
        finally
        {
            await database.DropAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<string> TokenAsync(HttpClient root, string user, string password, string prefix = "bench/")
    {
        using var r = await root.PostAsJsonAsync(prefix + "api/auth/token", new { userName = user, password });
        r.EnsureSuccessStatusCode();
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static Task<HttpClient> ClientAsync(WebApplicationFactory<Program> factory, string token)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost/bench/") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.FromResult(client);
    }
}
