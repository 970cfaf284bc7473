using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Workflows.Activities;

namespace Zhizhi.Orchard.Tests.Workflows;

/// <summary>A real HTTP endpoint on a free port of 127.0.0.1 that records the paths it is asked for and answers 200.</summary>
internal sealed class LocalReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    public ConcurrentQueue<string> Requests { get; } = new();
    public int Port { get; }
    public string Base => $"http://127.0.0.1:{Port}";

    public LocalReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Prefixes.Add($"http://localhost:{Port}/");
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                Requests.Enqueue(context.Request.Url!.AbsolutePath);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
    }

    public void Dispose() => _listener.Close();
}

/// <summary>The SSRF guard on its own: which addresses are internal, the save-time template check, and the connect-time check.</summary>
public sealed class OutboundGuardTests
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.5")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("224.0.0.1")]
    [InlineData("ff02::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("100.64.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void InternalAddressesAreForbidden(string address) => Assert.True(OutboundGuard.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("114.114.114.114")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2400:3200::1")]
    public void PublicAddressesAreAllowed(string address) => Assert.False(OutboundGuard.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("ftp://example.org/x", "http 或 https")]
    [InlineData("file:///etc/passwd", "http 或 https")]
    [InlineData("gopher://example.org/", "http 或 https")]
    [InlineData("http://10.0.0.8/hook", OutboundGuard.Refused)]
    [InlineData("http://169.254.169.254/latest/meta-data/", OutboundGuard.Refused)]
    [InlineData("https://[::1]:8443/x", OutboundGuard.Refused)]
    [InlineData("http://user@192.168.0.1:8080/{{ input.id }}", OutboundGuard.Refused)]
    [InlineData("example.org/x", "绝对")]
    public void TheTemplateCheckRefusesWhatCanBeToldBeforeRendering(string template, string reason)
        => Assert.Contains(reason, OutboundGuard.None.CheckTemplate(template));

    [Theory]
    [InlineData("https://hotline.example.org/api/{{ input.caseNo }}")]
    [InlineData("{{ input.address }}")]
    [InlineData("http://{{ properties.host }}/x")]
    [InlineData("HTTPS://example.org")]
    public void TheTemplateCheckLeavesTheRestToRunTime(string template) => Assert.Null(OutboundGuard.None.CheckTemplate(template));

    [Fact]
    public void TheAllowListLetsANamedHostThrough()
    {
        var guard = new OutboundGuard(["127.0.0.1", "Intranet.Local."]);
        Assert.Null(guard.CheckTemplate("http://127.0.0.1:9000/x"));
        Assert.Null(guard.Check(new Uri("http://intranet.local/x")));
        Assert.Equal(OutboundGuard.Refused, guard.Check(new Uri("http://127.0.0.2/x")));
        Assert.Equal(OutboundGuard.Refused, guard.Check(new Uri("http://localhost/x")));
    }

    private static HttpClient Client(OutboundGuard guard)
        => new(new SocketsHttpHandler { UseProxy = false, ConnectCallback = guard.ConnectAsync }) { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task TheConnectTimeCheckRefusesANameResolvingToLoopbackUnlessAllowed()
    {
        using var receiver = new LocalReceiver();

        using (var guarded = Client(OutboundGuard.None))
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync($"http://localhost:{receiver.Port}/a", CT));
            Assert.Contains(OutboundGuard.Refused, refused.Message + refused.InnerException?.Message);
            await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync($"{receiver.Base}/b", CT));
        }
        Assert.Empty(receiver.Requests);

        using (var allowed = Client(new OutboundGuard(["localhost"])))
        using (var response = await allowed.GetAsync($"http://localhost:{receiver.Port}/c", CT))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["/c"], receiver.Requests.ToArray());
    }
}

/// <summary>The guard in the running platform: save-time refusal, run-time faults that can be retried, the allow list for a local server.</summary>
public abstract class WorkflowSsrfTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object Definition(string id, string type, object properties) => new
    {
        id, name = "外部调用", enabled = true,
        activities = new object[] { new { id = "start", type = "Start" }, new { id = "call", type, properties }, new { id = "end", type = "Finish" } },
        transitions = new[] { new { from = "start", outcome = "Done", to = "call" }, new { from = "call", outcome = "Done", to = "end" } },
        startActivities = new[] { "start" },
    };

    [Fact]
    public async Task LiteralInternalAddressesAndOtherSchemesAreRefusedOnSave()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();

        foreach (var (url, reason) in new[]
        {
            ("http://192.168.1.20/api", OutboundGuard.Refused), ("http://169.254.169.254/latest/meta-data/", OutboundGuard.Refused),
            ("http://[::1]/x", OutboundGuard.Refused), ("ftp://example.org/{{ input.caseNo }}", "http 或 https"),
        })
        {
            using var refused = await admin.PostJsonAsync("api/workflows", Definition("call", "HttpRequest", new { url }));
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(reason, problem.GetProperty("detail").GetString());
        }
        using (var webhook = await admin.PostJsonAsync("api/workflows", Definition("tell", "Notify", new { text = "你好", recipients = new[] { "admin" }, webhook = "http://10.0.0.9/hook" })))
            Assert.Contains(OutboundGuard.Refused, (await webhook.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Equal(0, (await admin.GetJsonAsync("api/workflows")).GetArrayLength());

        // 127.0.0.1 is on the test host's allow list (Workflows:HttpAllowList): it may be saved.
        using (var allowed = await admin.PostJsonAsync("api/workflows", Definition("local", "HttpRequest", new { url = "http://127.0.0.1:9/x" })))
            await allowed.ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ARenderedInternalAddressFaultsTheInstanceWhichCanBeRetriedAndTheAllowedLocalServerIsCalled()
    {
        using var receiver = new LocalReceiver();
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        using (var created = await admin.PostJsonAsync("api/workflows", Definition("call", "HttpRequest", new { url = "{{ input.url }}" })))
            await created.ShouldBeAsync(HttpStatusCode.Created);
        using (var created = await admin.PostJsonAsync("api/workflows", Definition("tell", "Notify", new { text = "你好", recipients = new[] { "admin" }, webhook = "{{ input.url }}" })))
            await created.ShouldBeAsync(HttpStatusCode.Created);

        foreach (var (definition, url) in new[]
        {
            ("call", $"http://localhost:{receiver.Port}/a"), ("call", "http://169.254.169.254/latest/meta-data/"), ("call", $"http://[::1]:{receiver.Port}/b"),
            ("call", "http://10.20.30.40/c"), ("tell", $"http://localhost:{receiver.Port}/d"),
        })
        {
            using var started = await admin.PostJsonAsync($"api/workflows/{definition}/instances", new { input = new { url } });
            await started.ShouldBeAsync(HttpStatusCode.Created);
            var instance = await started.JsonAsync();
            Assert.Equal("faulted", instance.GetProperty("status").GetString());
            Assert.Contains(OutboundGuard.Refused, instance.GetProperty("fault").GetString());

            // Retry runs the activity again: the address is still refused, and the instance stays retriable.
            var id = instance.GetProperty("id").GetString();
            using var retried = await admin.PostJsonAsync($"api/workflows/instances/{id}/retry", new { });
            await retried.ShouldBeAsync(HttpStatusCode.OK);
            var again = await retried.JsonAsync();
            Assert.Equal("faulted", again.GetProperty("status").GetString());
            Assert.Contains(OutboundGuard.Refused, again.GetProperty("fault").GetString());
        }

        using (var started = await admin.PostJsonAsync("api/workflows/call/instances", new { input = new { url = receiver.Base + "/allowed" } }))
            Assert.Equal("finished", (await started.JsonAsync()).GetProperty("status").GetString());
        var until = DateTime.UtcNow.AddSeconds(120);
        while (receiver.Requests.IsEmpty && DateTime.UtcNow < until) await Task.Delay(100, CT);
        Assert.Equal(["/allowed"], receiver.Requests.ToArray());
    }
}

public sealed class WorkflowSsrfTests_Sqlite(SqliteHost host) : WorkflowSsrfTests(host);

public sealed class WorkflowSsrfTests_Postgres(PostgresHost host) : WorkflowSsrfTests(host);
