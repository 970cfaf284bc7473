using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Workflows;

/// <summary>"HTTP 请求": Liquid texts rendered from the instance, sent through the outbox after the step commits, retried with one idempotency key.</summary>
public abstract class HttpRequestActivityTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private sealed record Received(string Method, string Path, string Body, string? IdempotencyKey, string? CorrelationId, string? ContentType);

    /// <summary>A real HTTP endpoint on a free local port that records what it receives and answers the given statuses in turn (then 200).</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<int> _statuses;
        public ConcurrentQueue<Received> Requests { get; } = new();
        public string Base { get; }

        public Receiver(params int[] statuses)
        {
            _statuses = new(statuses);
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Base = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Base + "/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                Requests.Enqueue(new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, await reader.ReadToEndAsync(),
                    context.Request.Headers["Idempotency-Key"], context.Request.Headers["X-Zhizhi-Correlation-Id"], context.Request.ContentType));
                context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
                context.Response.Close();
            }
        }

        public async Task<List<Received>> WaitForAsync(int count)
        {
            var until = DateTime.UtcNow.AddSeconds(120); // the outbox sweep visits every township the suite created: slow under a full run
            while (Requests.Count < count && DateTime.UtcNow < until) await Task.Delay(100, CT);
            return [.. Requests];
        }

        public void Dispose() => _listener.Close();
    }

    private static object Definition(string id, string url, string? body = null) => new
    {
        id, name = "上报热线", enabled = true,
        activities = new object[]
        {
            new { id = "start", type = "Start" },
            new { id = "level", type = "SetProperty", properties = new { name = "level", value = "'township'" } },
            new { id = "call", type = "HttpRequest", properties = new { url, body } },
            new { id = "end", type = "Finish" },
        },
        transitions = new[]
        {
            new { from = "start", outcome = "Done", to = "level" }, new { from = "level", outcome = "Done", to = "call" }, new { from = "call", outcome = "Done", to = "end" },
        },
        startActivities = new[] { "start" },
    };

    private static async Task<System.Text.Json.JsonElement> RunAsync(HttpClient admin, object definition, string id, object input)
    {
        using (var created = await admin.PostJsonAsync("api/workflows", definition)) await created.ShouldBeAsync(HttpStatusCode.Created);
        using var started = await admin.PostJsonAsync($"api/workflows/{id}/instances", new { input, correlationId = "FQ-2026-000042" });
        await started.ShouldBeAsync(HttpStatusCode.Created);
        return await started.JsonAsync();
    }

    [Fact]
    public async Task TheRequestCarriesTheRenderedLiquidTextsAndLeavesAfterTheStep()
    {
        using var receiver = new Receiver();
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();

        var instance = await RunAsync(admin, Definition("hotline", receiver.Base + "/hotline/{{ input.caseNo }}",
            """{"title":"{{ input.title }}","level":"{{ properties.level }}","parties":{{ input.parties | size }}}"""),
            "hotline", new { caseNo = "FQ-1", title = "邻里通道纠纷", parties = new[] { "甲", "乙" } });

        Assert.Equal("finished", instance.GetProperty("status").GetString());
        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hotline/FQ-1", request.Path);
        Assert.Equal("""{"title":"邻里通道纠纷","level":"township","parties":2}""", request.Body);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.True(Guid.TryParse(request.IdempotencyKey, out _));
        Assert.Equal("FQ-2026-000042", request.CorrelationId);
        await Task.Delay(1500, CT);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ARefusedRequestIsRetriedWithTheSameIdempotencyKey()
    {
        using var receiver = new Receiver(500);
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();

        await RunAsync(admin, Definition("retry", receiver.Base + "/hook", "{{ input.n }}"), "retry", new { n = 7 });

        var requests = await receiver.WaitForAsync(2);
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].IdempotencyKey, requests[1].IdempotencyKey);
        Assert.All(requests, r => Assert.Equal("7", r.Body));
    }

    [Fact]
    public async Task ANotificationReachesItsRecipientsInAppOnceAndItsWebhook()
    {
        using var receiver = new Receiver(503);
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        var resident = await township.RegisterResidentAsync();
        var definition = new
        {
            id = "notify", name = "上交提醒", enabled = true,
            activities = new object[]
            {
                new { id = "start", type = "Start" },
                new { id = "tell", type = "Notify", properties = new { text = "纠纷“{{ input.title }}”已上交{% if input.urgent %}(加急){% endif %}", recipients = new[] { township.AdminUserName, "mediator-nobody" }, webhook = receiver.Base + "/notify" } },
                new { id = "end", type = "Finish" },
            },
            transitions = new[] { new { from = "start", outcome = "Done", to = "tell" }, new { from = "tell", outcome = "Done", to = "end" } },
            startActivities = new[] { "start" },
        };

        var instance = await RunAsync(admin, definition, "notify", new { title = "邻里通道纠纷", urgent = true });
        Assert.Equal("finished", instance.GetProperty("status").GetString());

        // The webhook refused once: the outbox tried again with the same key; the in-app copy was stored once.
        var requests = await receiver.WaitForAsync(2);
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].IdempotencyKey, requests[1].IdempotencyKey);
        using (var posted = System.Text.Json.JsonDocument.Parse(requests[1].Body))
        {
            Assert.Equal("纠纷“邻里通道纠纷”已上交(加急)", posted.RootElement.GetProperty("text").GetString());
            Assert.Equal(township.Name, posted.RootElement.GetProperty("township").GetString());
        }
        var mine = (await admin.GetJsonAsync("api/workflows/notifications")).EnumerateArray().ToList();
        var note = Assert.Single(mine);
        Assert.Equal("纠纷“邻里通道纠纷”已上交(加急)", note.GetProperty("text").GetString());
        Assert.Equal("FQ-2026-000042", note.GetProperty("correlationId").GetString());
        using var other = township.As(resident.Token);
        Assert.Equal(0, (await other.GetJsonAsync("api/workflows/notifications")).GetArrayLength());
    }

    [Fact]
    public async Task BadLiquidIsRefusedOnImportAndABadRenderedAddressFaultsOnlyItsInstance()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();

        using (var refused = await admin.PostJsonAsync("api/workflows", Definition("bad", "http://127.0.0.1/{{ input.caseNo")))
            Assert.Contains("Liquid", (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Equal(0, (await admin.GetJsonAsync("api/workflows")).GetArrayLength());

        var instance = await RunAsync(admin, Definition("nowhere", "{{ input.address }}"), "nowhere", new { address = "ftp://example.org/x" });
        Assert.Equal("faulted", instance.GetProperty("status").GetString());
        Assert.Contains("不是有效的 http(s) 地址", instance.GetProperty("fault").GetString());
        Assert.Equal("township", instance.GetProperty("properties").GetProperty("level").GetString());
    }
}

public sealed class HttpRequestActivityTests_Sqlite(SqliteHost host) : HttpRequestActivityTests(host);

public sealed class HttpRequestActivityTests_Postgres(PostgresHost host) : HttpRequestActivityTests(host);
