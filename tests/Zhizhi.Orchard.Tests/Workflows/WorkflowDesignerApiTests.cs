using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Tests.Workflows;

/// <summary>A test-only module task: publishes through the Workflows outbox, so a dry run can prove it publishes nothing.</summary>
public sealed class TestPublishActivity : IWorkflowActivity
{
    public sealed record TestWorkflowPing(string? CorrelationId, string Text);

    public ActivityDescriptor Descriptor { get; } = new("TestPublish", "测试发布", "任务", [new("text", "内容", PropertyKind.Text)], "测试用:发出一个事件");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => ["Done"];
    public ActivityResult Execute(ActivityContext context)
    {
        context.Publish(new TestWorkflowPing(context.CorrelationId, context.Text("text")!));
        return ActivityResult.Done("Done");
    }
}

/// <summary>The designer's API: the activity catalogue, validation without saving, and the side-effect-free dry run.</summary>
public abstract class WorkflowDesignerApiTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object A(string id, string type, object? properties = null, double? x = null, double? y = null) => new { id, type, properties, x, y };

    private static object Definition(string id, object[] activities, string[][] transitions)
        => new
        {
            id, name = "设计器测试", enabled = true, activities,
            transitions = transitions.Select(t => new { from = t[0], outcome = t[1], to = t[2] }).ToArray(),
            startActivities = new[] { "start" },
        };

    /// <summary>Sets a property, publishes, waits on a timer (P3D: working days), then finishes.</summary>
    private static object Timed(string id) => Definition(id,
    [
        A("start", "Start", x: 10, y: 20),
        A("set", "SetProperty", new { name = "level", value = "input.amount > 100 ? 'township' : 'village'" }, 240, 20),
        A("ping", "TestPublish", new { text = "你好" }, 470, 20),
        A("wait", "Timer", new { duration = "P3D" }, 700, 20),
        A("end", "Finish", x: 930.5, y: 20),
    ],
    [["start", "Done", "set"], ["set", "Done", "ping"], ["ping", "Done", "wait"], ["wait", "Done", "end"]]);

    private static async Task<(int Instances, int Timers, int Outbox)> CountsAsync(ZhizhiHost host, TestTownship township)
    {
        var found = host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using var scope = host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(found);
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        return (await db.Instances.CountAsync(CT), await db.Timers.CountAsync(CT), await db.Set<OutboxMessage>().CountAsync(CT));
    }

    [Fact]
    public async Task TheCatalogueDescribesActivitiesWithChineseNamesPropertyKindsAndOutcomes()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();

        var catalogue = (await admin.GetJsonAsync("api/workflows/activities")).EnumerateArray().ToDictionary(a => a.GetProperty("type").GetString()!);

        Assert.Equal("条件判断", catalogue["If"].GetProperty("name").GetString());
        Assert.Equal("控制", catalogue["If"].GetProperty("category").GetString());
        Assert.Equal(["True", "False"], catalogue["If"].GetProperty("outcomes").Strings());
        Assert.Equal("Script", catalogue["If"].GetProperty("properties")[0].GetProperty("kind").GetString());
        Assert.Equal("Duration", catalogue["Timer"].GetProperty("properties")[0].GetProperty("kind").GetString());
        Assert.Equal("Boolean", catalogue["Fork"].GetProperty("properties")[0].GetProperty("kind").GetString());
        // A user task's buttons and a switch's cases are outcomes; a finish has none.
        Assert.Equal("outcomes", catalogue["UserTask"].GetProperty("outcomesFrom").GetString());
        Assert.Empty(catalogue["UserTask"].GetProperty("outcomes").EnumerateArray());
        Assert.Equal("cases", catalogue["Switch"].GetProperty("outcomesFrom").GetString());
        Assert.Equal(["Default"], catalogue["Switch"].GetProperty("outcomes").Strings());
        Assert.Empty(catalogue["Finish"].GetProperty("outcomes").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, catalogue["Finish"].GetProperty("outcomesFrom").ValueKind);
        Assert.All(catalogue.Values, a => Assert.Matches(Infrastructure.Http.Chinese(), a.GetProperty("name").GetString()!));
    }

    [Fact]
    public async Task ValidationReportsEachProblemOnItsActivityAndSavesNothing()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        var bad = Definition("broken",
        [
            A("start", "Start"),
            A("check", "If", new { condition = "input.amount > (" }),
            A("wait", "Timer", new { duration = "7 days" }),
            A("fax", "SendFax"),
            A("lost", "Finish"),
            A("task", "UserTask", new { outcomes = new[] { "同意", "驳回" } }),
        ],
        [["start", "Done", "check"], ["check", "True", "wait"], ["check", "False", "task"], ["task", "同意", "nowhere"], ["wait", "Done", "fax"]]);

        using var response = await admin.PostJsonAsync("api/workflows/validate", bad);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var issues = problem.GetProperty("issues").EnumerateArray()
            .Select(i => (Activity: i.GetProperty("activityId").GetString(), Severity: i.GetProperty("severity").GetString(), Message: i.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(issues, i => i.Activity == "check" && i.Severity == "error" && i.Message.Contains("语法"));
        Assert.Contains(issues, i => i.Activity == "wait" && i.Severity == "error" && i.Message.Contains("ISO 8601"));
        Assert.Contains(issues, i => i.Activity == "fax" && i.Severity == "error" && i.Message.Contains("未知"));
        Assert.Contains(issues, i => i.Activity == "task" && i.Severity == "error" && i.Message.Contains("nowhere"));
        Assert.Contains("语法", problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await admin.GetJsonAsync("api/workflows")).GetArrayLength());

        // Once the errors are fixed: unreachable activities and a button without a transition are reported on the activity.
        var unreachable = Definition("graph",
        [A("start", "Start"), A("task", "UserTask", new { outcomes = new[] { "同意", "驳回" } }), A("end", "Finish"), A("lost", "Finish")],
        [["start", "Done", "task"], ["task", "同意", "end"]]);
        using var second = await admin.PostJsonAsync("api/workflows/validate", unreachable);
        var secondProblem = await second.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var secondIssues = secondProblem.GetProperty("issues").EnumerateArray().ToList();
        Assert.Contains(secondIssues, i => i.GetProperty("activityId").GetString() == "lost" && i.GetProperty("message").GetString()!.Contains("无法到达"));
        Assert.Contains(secondIssues, i => i.GetProperty("activityId").GetString() == "task" && i.GetProperty("severity").GetString() == "warning"
            && i.GetProperty("message").GetString()!.Contains("驳回"));

        using var noStart = await admin.PostJsonAsync("api/workflows/validate", new { id = "nostart", name = "无开始", activities = new[] { A("a", "Finish") }, transitions = Array.Empty<object>(), startActivities = Array.Empty<string>() });
        Assert.Contains("没有开始活动", (await noStart.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());

        // A valid definition: 200, warnings only, and still nothing saved.
        using var ok = await admin.PostJsonAsync("api/workflows/validate", Timed("timed"));
        await ok.ShouldBeAsync(HttpStatusCode.OK);
        var report = await ok.JsonAsync();
        Assert.True(report.GetProperty("valid").GetBoolean());
        Assert.Empty(report.GetProperty("issues").EnumerateArray());
        Assert.Equal(0, (await admin.GetJsonAsync("api/workflows")).GetArrayLength());
    }

    [Fact]
    public async Task ActivityPositionsRoundTripThroughExportAndImport()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        using (var created = await admin.PostJsonAsync("api/workflows", Timed("timed"))) await created.ShouldBeAsync(HttpStatusCode.Created);

        var exported = await admin.GetJsonAsync("api/workflows/timed");
        var end = exported.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "end");
        Assert.Equal(930.5, end.GetProperty("x").GetDouble());
        Assert.Equal(20, end.GetProperty("y").GetDouble());

        using (var again = await admin.PostJsonAsync("api/workflows", exported)) await again.ShouldBeAsync(HttpStatusCode.Created);
        var v2 = await admin.GetJsonAsync("api/workflows/timed?version=2");
        Assert.Equal(exported.GetProperty("activities").ToString(), v2.GetProperty("activities").ToString());
    }

    [Fact]
    public async Task ADryRunShowsPathPropertiesAndTimersAndLeavesNoInstanceTimerOrOutboxRow()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        var before = await CountsAsync(Host, township);

        using var response = await admin.PostJsonAsync("api/workflows/dry-run", new { definition = Timed("timed"), input = new { amount = 400 }, correlationId = "FQ-2026-000777" });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var result = await response.JsonAsync();
        // The dry run goes past the timer (taken when due) to the end.
        Assert.Equal("finished", result.GetProperty("status").GetString());
        Assert.Equal(["start", "set", "ping", "wait", "end"], result.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("activityId").GetString()!).ToArray());
        Assert.Equal("township", result.GetProperty("properties").GetProperty("level").GetString());
        var timer = Assert.Single(result.GetProperty("timers").EnumerateArray());
        Assert.Equal("wait", timer.GetProperty("activityId").GetString());
        Assert.Equal("fired", timer.GetProperty("state").GetString());
        Assert.True(timer.GetProperty("dueAt").GetDateTime() > DateTime.UtcNow.AddDays(2));
        var published = Assert.Single(result.GetProperty("published").EnumerateArray());
        Assert.Equal(nameof(TestPublishActivity.TestWorkflowPing), published.GetProperty("type").GetString());
        Assert.Equal("FQ-2026-000777", published.GetProperty("data").GetProperty("correlationId").GetString());

        Assert.Equal(before, await CountsAsync(Host, township));
        Assert.Equal(0, (await admin.GetJsonAsync("api/workflows")).GetArrayLength());
        Assert.Equal(0, (await admin.GetJsonAsync("api/workflows/instances")).GetArrayLength());

        // The same definition run for real does leave an instance, a timer and an outbox row: the counts above can move.
        using (var created = await admin.PostJsonAsync("api/workflows", Timed("timed"))) await created.ShouldBeAsync(HttpStatusCode.Created);
        using (var started = await admin.PostJsonAsync("api/workflows/timed/instances", new { input = new { amount = 400 }, correlationId = "FQ-2026-000777" }))
            await started.ShouldBeAsync(HttpStatusCode.Created);
        var after = await CountsAsync(Host, township);
        Assert.Equal((before.Instances + 1, before.Timers + 1), (after.Instances, after.Timers));
        Assert.True(after.Outbox > before.Outbox);
    }

    [Fact]
    public async Task ADryRunThatFinishesCancelsItsTimerAndAFaultIsReported()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        var racing = Definition("race",
        [A("start", "Start"), A("fork", "Fork"), A("wait", "Timer", new { duration = "PT1H" }), A("end", "Finish")],
        [["start", "Done", "fork"], ["fork", "Done", "wait"], ["fork", "Done", "end"]]);

        using var finished = await admin.PostJsonAsync("api/workflows/dry-run", new { definition = racing, input = new { } });
        var result = await finished.JsonAsync();
        Assert.Equal("finished", result.GetProperty("status").GetString());
        // The timer was set, then dropped with the instance when the other branch finished it.
        Assert.Equal("cancelled", Assert.Single(result.GetProperty("timers").EnumerateArray()).GetProperty("state").GetString());

        var faulty = Definition("faulty", [A("start", "Start"), A("set", "SetProperty", new { name = "x", value = "input.missing.deep" })], [["start", "Done", "set"]]);
        using var faulted = await admin.PostJsonAsync("api/workflows/dry-run", new { definition = faulty, input = new { } });
        var fault = await faulted.JsonAsync();
        Assert.Equal("faulted", fault.GetProperty("status").GetString());
        Assert.Contains("set", fault.GetProperty("fault").GetString());

        using var invalid = await admin.PostJsonAsync("api/workflows/dry-run", new { definition = Definition("bad", [A("start", "Start"), A("t", "Timer", new { duration = "soon" })], [["start", "Done", "t"]]) });
        var problem = await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("issues").EnumerateArray(), i => i.GetProperty("activityId").GetString() == "t");
        Assert.Equal((0, 0, 0), await CountsAsync(Host, township));
    }

    [Fact]
    public async Task TheDesignerPageSavesOnlyWithItsAntiforgeryToken()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        using var page = await admin.GetAsync("admin/workflows/timed?name=" + Uri.EscapeDataString("计时"), CT);
        await page.ShouldBeAsync(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(CT);
        var token = System.Text.RegularExpressions.Regex.Match(html, "data-token=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token));
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("; ", values.Select(v => v.Split(';')[0])) : "";

        HttpRequestMessage Post(string handler, object body, bool withToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"admin/workflows/timed?handler={handler}") { Content = JsonContent.Create(body) };
            request.Headers.Add("Cookie", cookies);
            if (withToken) request.Headers.Add("RequestVerificationToken", token);
            return request;
        }

        using (var forged = await admin.SendAsync(Post("Save", Timed("timed"), withToken: false), CT))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, (await admin.GetJsonAsync("api/workflows")).GetArrayLength());

        using (var invalid = await admin.SendAsync(Post("Save", Definition("timed", [A("start", "Start"), A("t", "Timer", new { duration = "soon" })], [["start", "Done", "t"]]), withToken: true), CT))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var body = await invalid.JsonAsync();
            Assert.Contains(body.GetProperty("issues").EnumerateArray(), i => i.GetProperty("activityId").GetString() == "t");
        }
        Assert.Equal(0, (await admin.GetJsonAsync("api/workflows")).GetArrayLength());

        using (var dry = await admin.SendAsync(Post("DryRun", new { definition = Timed("timed"), input = new { amount = 1 } }, withToken: true), CT))
        {
            Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
            Assert.Equal("village", (await dry.JsonAsync()).GetProperty("properties").GetProperty("level").GetString());
        }
        Assert.Equal((0, 0, 0), await CountsAsync(Host, township));

        using (var saved = await admin.SendAsync(Post("Save", Timed("timed"), withToken: true), CT))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal(1, (await saved.JsonAsync()).GetProperty("version").GetInt32());
        }
        Assert.Equal(1, Assert.Single((await admin.GetJsonAsync("api/workflows")).EnumerateArray()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task AResidentCannotValidateOrDryRun()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);

        using var validate = await client.PostJsonAsync("api/workflows/validate", Timed("timed"));
        await validate.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var dry = await client.PostJsonAsync("api/workflows/dry-run", new { definition = Timed("timed") });
        await dry.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class WorkflowDesignerApiTests_Sqlite(InstrumentedSqliteHost host) : WorkflowDesignerApiTests(host);

public sealed class WorkflowDesignerApiTests_Postgres(InstrumentedPostgresHost host) : WorkflowDesignerApiTests(host);
