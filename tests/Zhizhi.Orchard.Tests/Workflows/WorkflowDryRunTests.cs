using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Engine;

namespace Zhizhi.Orchard.Tests.Workflows;

/// <summary>The designer's dry run past waits: timers taken on the simulated clock, tasks by choice or their first outcome, loops bounded, nothing written.</summary>
public abstract class WorkflowDryRunTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object A(string id, string type, object? properties = null) => new { id, type, properties };

    /// <summary>三级调解 in small: village task racing a 7 working-day deadline, then township racing 15, then county; the county level notifies and calls a hotline.</summary>
    private static object ThreeLevel(string hotline) => new
    {
        id = "three-level", name = "三级调解试运行", enabled = true,
        activities = new[]
        {
            A("start", "Start"),
            A("to-village", "SetProperty", new { name = "level", value = "'village'" }),
            A("village", "Fork", new { race = true }),
            A("village-task", "UserTask", new { outcomes = new[] { "调解成功", "调解失败" } }),
            A("village-deadline", "Timer", new { duration = "P7D" }),
            A("to-township", "SetProperty", new { name = "level", value = "'township'" }),
            A("township", "Fork", new { race = true }),
            A("township-task", "UserTask", new { outcomes = new[] { "调解成功", "调解失败" } }),
            A("township-deadline", "Timer", new { duration = "P15D" }),
            A("to-county", "SetProperty", new { name = "level", value = "'county'" }),
            A("tell", "Notify", new { text = "纠纷 {{ input.caseNo }} 已上交县级平台", recipients = new[] { "admin" } }),
            A("hotline", "HttpRequest", new { url = hotline + "/cases/{{ input.caseNo }}" }),
            A("county-task", "UserTask", new { outcomes = new[] { "调解成功", "调解失败" } }),
            A("resolved", "SetProperty", new { name = "resolved", value = "true" }),
            A("unresolved", "SetProperty", new { name = "resolved", value = "false" }),
            A("end", "Finish"),
        },
        transitions = new[]
        {
            T("start", "Done", "to-village"), T("to-village", "Done", "village"),
            T("village", "Done", "village-task"), T("village", "Done", "village-deadline"),
            T("village-task", "调解成功", "resolved"), T("village-task", "调解失败", "to-township"), T("village-deadline", "Done", "to-township"),
            T("to-township", "Done", "township"), T("township", "Done", "township-task"), T("township", "Done", "township-deadline"),
            T("township-task", "调解成功", "resolved"), T("township-task", "调解失败", "to-county"), T("township-deadline", "Done", "to-county"),
            T("to-county", "Done", "tell"), T("tell", "Done", "hotline"), T("hotline", "Done", "county-task"),
            T("county-task", "调解成功", "resolved"), T("county-task", "调解失败", "unresolved"),
            T("resolved", "Done", "end"), T("unresolved", "Done", "end"),
        },
        startActivities = new[] { "start" },
    };

    private static object T(string from, string outcome, string to) => new { from, outcome, to };

    private static async Task<(int Instances, int Timers, int Outbox)> CountsAsync(ZhizhiHost host, TestTownship township)
    {
        var found = host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using var scope = host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(found);
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        return (await db.Instances.CountAsync(CT), await db.Timers.CountAsync(CT), await db.Set<OutboxMessage>().CountAsync(CT));
    }

    private static async Task<DateTime> WorkingDaysAfterAsync(ZhizhiHost host, TestTownship township, DateTime start, string duration)
    {
        var found = host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using var scope = host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(found);
        return (await Deadlines.DueAsync(scope.ServiceProvider.GetRequiredService<IWorkingCalendar>(), start, duration, CT))!.Value;
    }

    private static bool Missing(JsonElement e, string name) => !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null;

    private static string[] Path(JsonElement result) => [.. result.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("activityId").GetString()!)];

    [Fact]
    public async Task TheDryRunGoesPastBothDeadlinesWithWorkingDayDueTimesAndWritesNothing()
    {
        using var receiver = new LocalReceiver();
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        var before = await CountsAsync(Host, township);

        using var response = await admin.PostJsonAsync("api/workflows/dry-run", new { definition = ThreeLevel(receiver.Base), input = new { caseNo = "FQ-7" }, correlationId = "FQ-7" });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var result = await response.JsonAsync();
        Assert.Equal("finished", result.GetProperty("status").GetString());
        Assert.Equal(
            ["start", "to-village", "village", "village-task", "village-deadline", "to-township", "township", "township-task", "township-deadline",
             "to-county", "tell", "hotline", "county-task", "resolved", "end"], Path(result));
        Assert.Equal("county", result.GetProperty("properties").GetProperty("level").GetString());

        // Both deadlines were set and taken; the second was set when the first fell due (simulated time), each in working days.
        var timers = result.GetProperty("timers").EnumerateArray().ToList();
        Assert.Equal(["village-deadline", "township-deadline"], timers.Select(t => t.GetProperty("activityId").GetString()).ToArray());
        Assert.All(timers, t => Assert.Equal("fired", t.GetProperty("state").GetString()));
        Assert.Equal("P7D", timers[0].GetProperty("duration").GetString());
        var set1 = timers[0].GetProperty("setAt").GetDateTime().ToUniversalTime();
        var due1 = timers[0].GetProperty("dueAt").GetDateTime().ToUniversalTime();
        Assert.Equal(await WorkingDaysAfterAsync(Host, township, set1, "P7D"), due1);
        Assert.True(due1 - set1 >= TimeSpan.FromDays(9), "7 working days always span a weekend");
        Assert.Equal(due1, timers[1].GetProperty("setAt").GetDateTime().ToUniversalTime());
        Assert.Equal(await WorkingDaysAfterAsync(Host, township, due1, "P15D"), timers[1].GetProperty("dueAt").GetDateTime().ToUniversalTime());

        // The unchosen tasks: the two that lost to their deadline, and the county task that took its first outcome.
        var assumptions = result.GetProperty("assumptions").EnumerateArray().ToList();
        Assert.Equal(["village-task", "township-task", "county-task"], assumptions.Select(a => a.GetProperty("activityId").GetString()).ToArray());
        Assert.True(Missing(assumptions[0], "outcome"));
        Assert.Contains("未办理", assumptions[0].GetProperty("message").GetString());
        Assert.Equal("调解成功", assumptions[2].GetProperty("outcome").GetString());
        Assert.False(assumptions[2].GetProperty("chosen").GetBoolean());
        Assert.Contains("未指定", assumptions[2].GetProperty("message").GetString());
        Assert.Equal(["调解成功", "调解失败"], assumptions[2].GetProperty("options").Strings());

        // The notification and the hotline call are reported, not sent: no rows, no outbox message, no request.
        Assert.Equal(["WorkflowNotificationRequested", "WorkflowHttpRequested"], result.GetProperty("published").EnumerateArray().Select(p => p.GetProperty("type").GetString()).ToArray());
        Assert.Equal(before, await CountsAsync(Host, township));
        await Task.Delay(500, CT);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task ChoicesPickTheBranchAndCancelTheDeadlinesTheyBeat()
    {
        using var receiver = new LocalReceiver();
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();

        using var response = await admin.PostJsonAsync("api/workflows/dry-run", new
        {
            definition = ThreeLevel(receiver.Base), input = new { caseNo = "FQ-8" },
            choices = new Dictionary<string, string> { ["village-task"] = "调解失败", ["township-task"] = "调解成功" },
        });

        var result = await response.JsonAsync();
        Assert.Equal("finished", result.GetProperty("status").GetString());
        Assert.Equal(["start", "to-village", "village", "village-task", "village-deadline", "to-township", "township", "township-task", "township-deadline", "resolved", "end"],
            Path(result));
        Assert.Equal("township", result.GetProperty("properties").GetProperty("level").GetString());
        Assert.True(result.GetProperty("properties").GetProperty("resolved").GetBoolean());
        Assert.All(result.GetProperty("timers").EnumerateArray(), t => Assert.Equal("cancelled", t.GetProperty("state").GetString()));
        var assumptions = result.GetProperty("assumptions").EnumerateArray().ToList();
        Assert.Equal([("village-task", "调解失败"), ("township-task", "调解成功")],
            assumptions.Select(a => (a.GetProperty("activityId").GetString(), a.GetProperty("outcome").GetString())).ToArray());
        Assert.All(assumptions, a => Assert.True(a.GetProperty("chosen").GetBoolean()));
        Assert.Empty(result.GetProperty("published").EnumerateArray());

        // An outcome the task does not have is refused with the reason, and so is an unknown activity.
        using var bad = await admin.PostJsonAsync("api/workflows/dry-run", new
        {
            definition = ThreeLevel(receiver.Base), choices = new Dictionary<string, string> { ["village-task"] = "不予受理", ["ghost"] = "Done" },
        });
        var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("没有结果“不予受理”", problem.GetProperty("detail").GetString());
        Assert.Contains("ghost", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AForkWithATaskAndATimerMeetsAtTheJoinOnce()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        var forked = new
        {
            id = "fork-join", name = "并行办理", enabled = true,
            activities = new[]
            {
                A("start", "Start"), A("fork", "Fork"),
                A("sign", "UserTask", new { outcomes = new[] { "签收" } }), A("cool", "Timer", new { duration = "PT2H" }), A("hear", "Signal", new { signal = "听证完成" }),
                A("join", "Join"), A("end", "Finish"),
            },
            transitions = new[]
            {
                T("start", "Done", "fork"), T("fork", "Done", "sign"), T("fork", "Done", "cool"), T("fork", "Done", "hear"),
                T("sign", "签收", "join"), T("cool", "Done", "join"), T("hear", "Done", "join"), T("join", "Done", "end"),
            },
            startActivities = new[] { "start" },
        };

        using var response = await admin.PostJsonAsync("api/workflows/dry-run", new { definition = forked });

        var result = await response.JsonAsync();
        Assert.Equal("finished", result.GetProperty("status").GetString());
        var path = Path(result);
        Assert.Equal(["start", "fork", "sign", "cool", "hear"], path[..5]);
        Assert.Equal(["join", "end"], path[^2..]);
        Assert.Single(path, "join");
        var timer = Assert.Single(result.GetProperty("timers").EnumerateArray());
        Assert.Equal("fired", timer.GetProperty("state").GetString());
        Assert.Equal(TimeSpan.FromHours(2), timer.GetProperty("dueAt").GetDateTime() - timer.GetProperty("setAt").GetDateTime());
        var assumptions = result.GetProperty("assumptions").EnumerateArray().ToList();
        Assert.Contains(assumptions, a => a.GetProperty("activityId").GetString() == "sign" && a.GetProperty("outcome").GetString() == "签收");
        Assert.Contains(assumptions, a => a.GetProperty("activityId").GetString() == "hear" && a.GetProperty("message").GetString()!.Contains("听证完成"));
    }

    [Fact]
    public async Task ALoopThroughATaskStopsAtTheStepLimitAndAListOfChoicesIsTakenVisitByVisit()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows"]);
        using var admin = await township.AsAdminAsync();
        var loop = new
        {
            id = "review-loop", name = "审核退回", enabled = true,
            activities = new[]
            {
                A("start", "Start"),
                A("review", "UserTask", new { outcomes = new[] { "退回", "通过" } }),
                A("fix", "SetProperty", new { name = "rounds", value = "(properties.rounds || 0) + 1" }),
                A("end", "Finish"),
            },
            transitions = new[] { T("start", "Done", "review"), T("review", "退回", "fix"), T("fix", "Done", "review"), T("review", "通过", "end") },
            startActivities = new[] { "start" },
        };
        var before = await CountsAsync(Host, township);

        using var endless = await admin.PostJsonAsync("api/workflows/dry-run", new { definition = loop, choices = new { review = "退回" } });
        var stopped = await endless.JsonAsync();
        Assert.Equal("waiting", stopped.GetProperty("status").GetString());
        Assert.Contains($"上限 {WorkflowEngine.DryRunMaxActivities} 个", stopped.GetProperty("stopped").GetString());
        Assert.Contains("循环", stopped.GetProperty("stopped").GetString());
        Assert.InRange(Path(stopped).Length, WorkflowEngine.DryRunMaxActivities, WorkflowEngine.DryRunMaxActivities + 2);

        using var twice = await admin.PostJsonAsync("api/workflows/dry-run", new { definition = loop, choices = new { review = new[] { "退回", "退回", "通过" } } });
        var finished = await twice.JsonAsync();
        Assert.Equal("finished", finished.GetProperty("status").GetString());
        Assert.Equal(2, finished.GetProperty("properties").GetProperty("rounds").GetInt32());
        Assert.True(Missing(finished, "stopped"));
        Assert.Equal(["退回", "退回", "通过"], finished.GetProperty("assumptions").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()!).ToArray());

        // Without a choice the task takes its first outcome ("退回") every time: the limit stops that too.
        using var unchosen = await admin.PostJsonAsync("api/workflows/dry-run", new { definition = loop });
        Assert.Contains("已停止", (await unchosen.JsonAsync()).GetProperty("stopped").GetString());
        Assert.Equal(before, await CountsAsync(Host, township));
    }
}

public sealed class WorkflowDryRunTests_Sqlite(SqliteHost host) : WorkflowDryRunTests(host);

public sealed class WorkflowDryRunTests_Postgres(PostgresHost host) : WorkflowDryRunTests(host);
