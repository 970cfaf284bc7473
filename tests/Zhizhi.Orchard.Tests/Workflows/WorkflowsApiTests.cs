using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Workflows;

/// <summary>The workflow API: import/export, refusals, and instances driven by tasks, signals and the timer sweeper.</summary>
public abstract class WorkflowsApiTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object A(string id, string type, object? properties = null) => new { id, type, properties };

    private static object Definition(string id, object[] activities, string[][] transitions, string name = "测试流程")
        => new
        {
            id, name, enabled = true, activities,
            transitions = transitions.Select(t => new { from = t[0], outcome = t[1], to = t[2] }).ToArray(),
            startActivities = new[] { "start" },
        };

    /// <summary>Approve, then wait for the "paid" signal, then a short timer, then finish.</summary>
    private static object Approval(string id, string duration = "PT1S", string label = "v1") => Definition(id,
    [
        A("start", "Start"),
        A("approve", "UserTask", new { outcomes = new[] { "同意", "驳回" } }),
        A("paid", "Signal", new { signal = "paid" }),
        A("cool-off", "Timer", new { duration }),
        A("label", "SetProperty", new { name = "label", value = $"'{label}'" }),
        A("end", "Finish"),
    ],
    [["start", "Done", "approve"], ["approve", "同意", "paid"], ["approve", "驳回", "end"], ["paid", "Done", "cool-off"], ["cool-off", "Done", "label"], ["label", "Done", "end"]]);

    private static async Task<JsonElement> ImportAsync(HttpClient admin, object definition)
    {
        using var response = await admin.PostJsonAsync("api/workflows", definition);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    private static async Task<JsonElement> StartAsync(HttpClient admin, string id, object? input, string? correlationId)
    {
        using var response = await admin.PostJsonAsync($"api/workflows/{id}/instances", new { input, correlationId });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient admin, string instanceId, string status)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var instance = await admin.GetJsonAsync($"api/workflows/instances/{instanceId}");
            if (instance.GetProperty("status").GetString() == status) return instance;
            if (watch.Elapsed > TimeSpan.FromSeconds(30)) Assert.Fail($"instance stayed {instance.GetProperty("status")}: {instance}");
            await Task.Delay(100, CT);
        }
    }

    [Fact]
    public async Task AnImportedDefinitionIsListedAndExportedAsImported()
    {
        // Without DisputeRouting, which installs its routing definitions when enabled.
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();

        var created = await ImportAsync(admin, Approval("approval", "P7D"));
        Assert.Equal(1, created.GetProperty("version").GetInt32());

        var list = await admin.GetJsonAsync("api/workflows");
        var item = Assert.Single(list.EnumerateArray());
        Assert.Equal("approval", item.GetProperty("id").GetString());
        Assert.Equal("测试流程", item.GetProperty("name").GetString());
        Assert.True(item.GetProperty("enabled").GetBoolean());
        Assert.Equal(1, item.GetProperty("version").GetInt32());

        var exported = await admin.GetJsonAsync("api/workflows/approval");
        Assert.Equal(6, exported.GetProperty("activities").GetArrayLength());
        Assert.Equal(6, exported.GetProperty("transitions").GetArrayLength());
        Assert.Equal(["start"], exported.GetProperty("startActivities").Strings());
        var timer = exported.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "cool-off");
        Assert.Equal("P7D", timer.GetProperty("properties").GetProperty("duration").GetString());

        // The export imports again as version 2, unchanged.
        var again = await ImportAsync(admin, exported);
        Assert.Equal(2, again.GetProperty("version").GetInt32());
        Assert.Equal(2, Assert.Single((await admin.GetJsonAsync("api/workflows")).EnumerateArray()).GetProperty("version").GetInt32());
        Assert.Equal(exported.GetProperty("activities").ToString(), (await admin.GetJsonAsync("api/workflows/approval")).GetProperty("activities").ToString());
        Assert.Equal(1, (await admin.GetJsonAsync("api/workflows/approval?version=1")).GetProperty("version").GetInt32());
    }

    public static TheoryData<string, string> InvalidDefinitions() => new()
    {
        { "dangling", "终点" },
        { "no-start", "没有开始活动" },
        { "unknown-type", "未知" },
        { "bad-duration", "ISO 8601" },
        { "bad-script", "语法" },
        { "unreachable", "无法到达" },
        { "unknown-outcome", "没有结果" },
    };

    private static object Invalid(string kind) => kind switch
    {
        "dangling" => Definition(kind, [A("start", "Start")], [["start", "Done", "nowhere"]]),
        "no-start" => new { id = kind, name = "无开始", activities = new[] { A("a", "Finish") }, transitions = Array.Empty<object>(), startActivities = Array.Empty<string>() },
        "unknown-type" => Definition(kind, [A("start", "Start"), A("x", "SendFax")], [["start", "Done", "x"]]),
        "bad-duration" => Definition(kind, [A("start", "Start"), A("t", "Timer", new { duration = "7 days" })], [["start", "Done", "t"]]),
        "bad-script" => Definition(kind, [A("start", "Start"), A("c", "If", new { condition = "input.amount > (" })], [["start", "Done", "c"]]),
        "unreachable" => Definition(kind, [A("start", "Start"), A("lost", "Finish")], []),
        _ => Definition(kind, [A("start", "Start"), A("end", "Finish")], [["start", "Maybe", "end"]]),
    };

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public async Task AnInvalidDefinitionIsRefusedWithItsReasonAndNothingIsSaved(string kind, string reason)
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();

        using var response = await admin.PostJsonAsync("api/workflows", Invalid(kind));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await admin.GetJsonAsync("api/workflows")).GetArrayLength());
        using var export = await admin.GetAsync($"api/workflows/{kind}", CT);
        await export.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnInstanceMovesOnByUserTaskThenSignalThenTheSweptTimer()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await ImportAsync(admin, Approval("approval"));

        var instance = await StartAsync(admin, "approval", new { amount = 400 }, "FQ-2026-000123");
        var id = instance.GetProperty("id").GetString()!;
        Assert.Equal("waiting", instance.GetProperty("status").GetString());
        Assert.Equal(400, instance.GetProperty("input").GetProperty("amount").GetInt32());

        using (var wrong = await admin.PostJsonAsync($"api/workflows/instances/{id}/outcomes", new { activityId = "approve", outcome = "也许" }))
            await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using (var ok = await admin.PostJsonAsync($"api/workflows/instances/{id}/outcomes", new { activityId = "approve", outcome = "同意" }))
        {
            await ok.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("waiting", (await ok.JsonAsync()).GetProperty("status").GetString());
        }
        using (var again = await admin.PostJsonAsync($"api/workflows/instances/{id}/outcomes", new { activityId = "approve", outcome = "同意" }))
            await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        using (var signal = await admin.PostJsonAsync("api/workflows/signals", new { correlationId = "FQ-2026-000123", signal = "paid", payload = new { amount = 400 } }))
        {
            await signal.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal(1, (await signal.JsonAsync()).GetProperty("resumed").GetInt32());
        }

        var finished = await WaitForStatusAsync(admin, id, "finished");
        Assert.Equal(["start", "approve", "paid", "cool-off", "label", "end"],
            finished.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("activityId").GetString()!));
        Assert.Equal(400, finished.GetProperty("outputs").GetProperty("paid").GetProperty("amount").GetInt32());

        var byCorrelation = await admin.GetJsonAsync("api/workflows/instances?correlationId=FQ-2026-000123&status=finished");
        Assert.Equal(id, Assert.Single(byCorrelation.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(0, (await admin.GetJsonAsync("api/workflows/instances?correlationId=FQ-2026-000123&status=waiting")).GetArrayLength());
    }

    [Fact]
    public async Task ARunningInstanceKeepsItsVersionWhenTheDefinitionIsImportedAgain()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await ImportAsync(admin, Approval("approval", "PT1S", "v1"));
        var old = (await StartAsync(admin, "approval", null, "case-old")).GetProperty("id").GetString()!;

        await ImportAsync(admin, Approval("approval", "PT1S", "v2"));
        var young = (await StartAsync(admin, "approval", null, "case-young")).GetProperty("id").GetString()!;
        var untouched = await admin.GetJsonAsync($"api/workflows/instances/{old}");
        Assert.Equal(1, untouched.GetProperty("version").GetInt32());
        Assert.Equal("waiting", untouched.GetProperty("status").GetString());

        foreach (var (id, correlation) in new[] { (old, "case-old"), (young, "case-young") })
        {
            using (var ok = await admin.PostJsonAsync($"api/workflows/instances/{id}/outcomes", new { activityId = "approve", outcome = "同意" }))
                await ok.ShouldBeAsync(HttpStatusCode.OK);
            using (var signal = await admin.PostJsonAsync("api/workflows/signals", new { correlationId = correlation, signal = "paid" }))
                await signal.ShouldBeAsync(HttpStatusCode.OK);
        }

        var oldDone = await WaitForStatusAsync(admin, old, "finished");
        var youngDone = await WaitForStatusAsync(admin, young, "finished");
        Assert.Equal("v1", oldDone.GetProperty("properties").GetProperty("label").GetString());
        Assert.Equal(1, oldDone.GetProperty("version").GetInt32());
        Assert.Equal("v2", youngDone.GetProperty("properties").GetProperty("label").GetString());
    }

    [Fact]
    public async Task AnEndlessScriptFaultsItsInstanceWhichCanBeCancelled()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await ImportAsync(admin, Definition("spin", [A("start", "Start"), A("loop", "If", new { condition = "while(true){}" })], [["start", "Done", "loop"]]));

        var instance = await StartAsync(admin, "spin", null, null);

        Assert.Equal("faulted", instance.GetProperty("status").GetString());
        Assert.Contains("loop", instance.GetProperty("fault").GetString());
        using (var retry = await admin.PostJsonAsync($"api/workflows/instances/{instance.GetProperty("id").GetString()}/retry", null))
        {
            await retry.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("faulted", (await retry.JsonAsync()).GetProperty("status").GetString());
        }
        using (var cancel = await admin.PostJsonAsync($"api/workflows/instances/{instance.GetProperty("id").GetString()}/cancel", null))
        {
            await cancel.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("cancelled", (await cancel.JsonAsync()).GetProperty("status").GetString());
        }
        Assert.Equal(1, (await admin.GetJsonAsync("api/workflows/instances?definition=spin&status=cancelled")).GetArrayLength());
    }

    [Theory]
    [InlineData("demo-rural")]
    [InlineData("demo-urban")]
    public async Task TheDemoRecipesShipTheThreeLevelMediationWorkflow(string recipe)
    {
        using var county = await Host.AdminClientAsync();
        county.Timeout = TimeSpan.FromMinutes(5); // the whole demo recipe runs in the creation request (minutes on a loaded 2-core PostgreSQL run)
        var name = Names.Township();
        using (var response = await county.PostJsonAsync("api/tenants", new
        {
            name, displayName = "示范镇" + name, adminUserName = "admin-demo", adminPassword = "Demo-Pass-2026", recipe,
        }))
            await response.ShouldBeAsync(HttpStatusCode.Created);
        using var admin = Host.NewClient(name, await Host.NewClient(name).TokenAsync("admin-demo", "Demo-Pass-2026"));

        var item = Assert.Single((await admin.GetJsonAsync("api/workflows")).EnumerateArray(), w => w.GetProperty("id").GetString() == "three-level-mediation");
        Assert.Equal("三级调解(通用模板,不接纠纷台账)", item.GetProperty("name").GetString());
        var instance = await StartAsync(admin, "three-level-mediation", new { title = "邻里通道纠纷" }, "FQ-2026-000001");
        Assert.Equal("waiting", instance.GetProperty("status").GetString());
        Assert.Equal("village", instance.GetProperty("properties").GetProperty("level").GetString());
        using var fail = await admin.PostJsonAsync($"api/workflows/instances/{instance.GetProperty("id").GetString()}/outcomes", new { activityId = "village-task", outcome = "调解失败" });
        await fail.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("township", (await fail.JsonAsync()).GetProperty("properties").GetProperty("level").GetString());
    }

    [Fact]
    public async Task AResidentCannotImportOrListWorkflows()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);

        using var import = await client.PostJsonAsync("api/workflows", Approval("approval"));
        await import.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var list = await client.GetAsync("api/workflows", CT);
        await list.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class WorkflowsApiTests_Sqlite(SqliteHost host) : WorkflowsApiTests(host);

public sealed class WorkflowsApiTests_Postgres(PostgresHost host) : WorkflowsApiTests(host);
