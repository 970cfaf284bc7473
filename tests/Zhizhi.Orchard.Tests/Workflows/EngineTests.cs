using System.Text.Json.Nodes;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Instances;
using static Zhizhi.Orchard.Tests.Workflows.EngineHarness;

namespace Zhizhi.Orchard.Tests.Workflows;

public sealed class EngineTests
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    private static object Branching() => Definition("branching",
    [
        A("start", "Start"),
        A("check", "If", new { condition = "input.amount > 100" }),
        A("big", "SetProperty", new { name = "size", value = "'big:' + input.amount" }),
        A("small", "SetProperty", new { name = "size", value = "'small'" }),
        A("end", "Finish"),
    ],
    [["start", "Done", "check"], ["check", "True", "big"], ["check", "False", "small"], ["big", "Done", "end"], ["small", "Done", "end"]]);

    [Fact]
    public async Task AnIfFollowsTheOutcomeOfItsCondition()
    {
        using var h = new EngineHarness();
        await h.ImportAsync(Branching());

        var big = await h.StartAsync("branching", new { amount = 500 });
        var small = await h.StartAsync("branching", new { amount = 5 });

        Assert.Equal(InstanceStatus.Finished, big.Status);
        Assert.Equal("big:500", Properties(big)["size"]!.GetValue<string>());
        Assert.Equal(["start", "check", "big", "end"], Path(big));
        Assert.Equal("small", Properties(small)["size"]!.GetValue<string>());
        Assert.Equal(["start", "check", "small", "end"], Path(small));
    }

    [Fact]
    public async Task ASwitchTakesTheOutcomeNamedByTheValueOrDefault()
    {
        using var h = new EngineHarness();
        await h.ImportAsync(Definition("switch",
        [
            A("start", "Start"),
            A("route", "Switch", new { value = "input.category", cases = new[] { "婚姻家庭", "邻里纠纷" } }),
            A("family", "SetProperty", new { name = "team", value = "'family'" }),
            A("neighbour", "SetProperty", new { name = "team", value = "'neighbour'" }),
            A("other", "SetProperty", new { name = "team", value = "'general'" }),
        ],
        [["start", "Done", "route"], ["route", "婚姻家庭", "family"], ["route", "邻里纠纷", "neighbour"], ["route", "Default", "other"]]));

        Assert.Equal("family", Properties(await h.StartAsync("switch", new { category = "婚姻家庭" }))["team"]!.GetValue<string>());
        Assert.Equal("neighbour", Properties(await h.StartAsync("switch", new { category = "邻里纠纷" }))["team"]!.GetValue<string>());
        var other = await h.StartAsync("switch", new { category = "劳资纠纷" });
        Assert.Equal("general", Properties(other)["team"]!.GetValue<string>());
        Assert.Equal(InstanceStatus.Finished, other.Status);
    }

    [Fact]
    public async Task AJoinWaitsForEveryIncomingBranch()
    {
        using var h = new EngineHarness();
        await h.ImportAsync(Definition("forkjoin",
        [
            A("start", "Start"), A("fork", "Fork"),
            A("a", "Signal", new { signal = "a" }), A("b", "Signal", new { signal = "b" }),
            A("join", "Join"), A("after", "SetProperty", new { name = "joined", value = "true" }), A("end", "Finish"),
        ],
        [["start", "Done", "fork"], ["fork", "Done", "a"], ["fork", "Done", "b"], ["a", "Done", "join"], ["b", "Done", "join"], ["join", "Done", "after"], ["after", "Done", "end"]]));
        var started = await h.StartAsync("forkjoin", correlationId: "case-1");
        Assert.Equal(InstanceStatus.Waiting, started.Status);

        Assert.Equal(1, await h.WithEngine(e => e.SignalAsync("case-1", "a", JsonValue.Create("A 到了"), CT)));
        var half = await h.GetAsync(started.Id);
        Assert.Equal(InstanceStatus.Waiting, half.Status);
        Assert.DoesNotContain("join", Path(half));

        Assert.Equal(0, await h.WithEngine(e => e.SignalAsync("other-case", "b", null, CT)));
        Assert.Equal(1, await h.WithEngine(e => e.SignalAsync("case-1", "b", null, CT)));
        var done = await h.GetAsync(started.Id);
        Assert.Equal(InstanceStatus.Finished, done.Status);
        Assert.Single(Path(done), "join");
        Assert.True(Properties(done)["joined"]!.GetValue<bool>());
        Assert.Equal("A 到了", JsonNode.Parse(done.Outputs)!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATimerFiresOnlyWhenItsDurationHasPassedAndItsRowIsConsumed()
    {
        using var h = new EngineHarness();
        await h.ImportAsync(Definition("timer",
            [A("start", "Start"), A("wait", "Timer", new { duration = "PT30M" }), A("after", "SetProperty", new { name = "fired", value = "true" })],
            [["start", "Done", "wait"], ["wait", "Done", "after"]]));
        var instance = await h.StartAsync("timer");
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(1, await h.TimerCountAsync());

        h.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(0, await h.WithEngine(e => e.RunDueTimersAsync(100, CT)));
        Assert.Equal(InstanceStatus.Waiting, (await h.GetAsync(instance.Id)).Status);

        h.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await h.WithEngine(e => e.RunDueTimersAsync(100, CT)));
        var fired = await h.GetAsync(instance.Id);
        Assert.Equal(InstanceStatus.Finished, fired.Status);
        Assert.True(Properties(fired)["fired"]!.GetValue<bool>());
        Assert.Equal(0, await h.TimerCountAsync());
        Assert.Equal(0, await h.WithEngine(e => e.RunDueTimersAsync(100, CT)));
    }

    [Fact]
    public async Task APausedTimerDoesNotFirePastItsDueTimeAndFiresAfterItsRemainingTimeOnceResumed()
    {
        using var h = new EngineHarness();
        await h.ImportAsync(Definition("pausable",
            [A("start", "Start"), A("wait", "Timer", new { duration = "PT30M" }), A("after", "SetProperty", new { name = "fired", value = "true" })],
            [["start", "Done", "wait"], ["wait", "Done", "after"]]));
        var instance = await h.StartAsync("pausable", correlationId: "case-7");
        var other = await h.StartAsync("pausable", correlationId: "case-8");

        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await h.WithEngine(e => e.PauseTimersAsync("case-7", CT)));
        Assert.Equal(0, await h.WithEngine(e => e.PauseTimersAsync("case-7", CT)));
        Assert.Equal(1, await h.TimerCountAsync());
        Assert.Contains("\"remaining\":\"00:20:00\"", (await h.GetAsync(instance.Id)).State);

        // Well past the original due time: only the other case's timer fires.
        h.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(1, await h.WithEngine(e => e.RunDueTimersAsync(100, CT)));
        Assert.Equal(InstanceStatus.Finished, (await h.GetAsync(other.Id)).Status);
        Assert.Equal(InstanceStatus.Waiting, (await h.GetAsync(instance.Id)).Status);
        Assert.Equal(0, await h.TimerCountAsync());

        Assert.Equal(1, await h.WithEngine(e => e.ResumeTimersAsync("case-7", CT)));
        Assert.Equal(0, await h.WithEngine(e => e.ResumeTimersAsync("case-7", CT)));
        Assert.DoesNotContain("remaining", (await h.GetAsync(instance.Id)).State);
        Assert.Equal(1, await h.TimerCountAsync());
        h.Clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(0, await h.WithEngine(e => e.RunDueTimersAsync(100, CT)));
        Assert.Equal(InstanceStatus.Waiting, (await h.GetAsync(instance.Id)).Status);

        h.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await h.WithEngine(e => e.RunDueTimersAsync(100, CT)));
        var fired = await h.GetAsync(instance.Id);
        Assert.Equal(InstanceStatus.Finished, fired.Status);
        Assert.True(Properties(fired)["fired"]!.GetValue<bool>());
        Assert.Equal(0, await h.TimerCountAsync());
    }

    [Fact]
    public async Task TheThreeLevelMediationEscalatesOnTheVillageDeadlineAndDropsTheTownshipTimerWhenSettled()
    {
        using var h = new EngineHarness();
        await h.ImportAsync(WorkflowsRecipeStepAccess.ThreeLevelMediation());
        var instance = await h.StartAsync("three-level-mediation", new { title = "宅基地边界纠纷" }, "FQ-2026-000001");
        Assert.Equal("village", Properties(instance)["level"]!.GetValue<string>());
        Assert.Equal(1, await h.TimerCountAsync());

        // P7D counts working days: from Monday 2 March 09:00 (Shanghai) over one weekend to Wednesday 11 March 09:00.
        h.Clock.Advance(TimeSpan.FromDays(9) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await h.WithEngine(e => e.RunDueTimersAsync(100, CT)));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await h.WithEngine(e => e.RunDueTimersAsync(100, CT)));
        var township = await h.GetAsync(instance.Id);
        Assert.Equal("township", Properties(township)["level"]!.GetValue<string>());
        Assert.Equal(1, await h.TimerCountAsync());

        // The village task lost the race: its button no longer works.
        Assert.Equal(Zhizhi.Orchard.Workflows.Engine.WorkflowEngine.ResumeResult.NotWaiting,
            await h.WithEngine(e => e.CompleteTaskAsync(instance.Id, "village-task", "调解成功", CT)));
        Assert.Equal(Zhizhi.Orchard.Workflows.Engine.WorkflowEngine.ResumeResult.Resumed,
            await h.WithEngine(e => e.CompleteTaskAsync(instance.Id, "township-task", "调解成功", CT)));
        var settled = await h.GetAsync(instance.Id);
        Assert.Equal(InstanceStatus.Finished, settled.Status);
        Assert.True(Properties(settled)["resolved"]!.GetValue<bool>());
        Assert.Equal(0, await h.TimerCountAsync());
    }

    [Fact]
    public async Task AnInstanceStartedOnVersionOneKeepsItAfterVersionTwoIsImported()
    {
        using var h = new EngineHarness();
        object Version(string label) => Definition("versions",
            [A("start", "Start"), A("task", "UserTask", new { outcomes = new[] { "完成" } }), A("label", "SetProperty", new { name = "label", value = $"'{label}'" })],
            [["start", "Done", "task"], ["task", "完成", "label"]]);
        Assert.Equal(1, await h.ImportAsync(Version("v1")));
        var old = await h.StartAsync("versions");

        Assert.Equal(2, await h.ImportAsync(Version("v2")));
        var young = await h.StartAsync("versions");
        await h.WithEngine(e => e.CompleteTaskAsync(old.Id, "task", "完成", CT));
        await h.WithEngine(e => e.CompleteTaskAsync(young.Id, "task", "完成", CT));

        var oldDone = await h.GetAsync(old.Id);
        Assert.Equal(1, oldDone.Version);
        Assert.Equal("v1", Properties(oldDone)["label"]!.GetValue<string>());
        Assert.Equal(2, (await h.GetAsync(young.Id)).Version);
        Assert.Equal("v2", Properties(await h.GetAsync(young.Id))["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnEndlessLoopFaultsOnlyItsInstance()
    {
        using var h = new EngineHarness();
        await h.ImportAsync(Definition("loop",
            [A("start", "Start"), A("spin", "If", new { condition = "while (true) {} ; true" })],
            [["start", "Done", "spin"]]));
        await h.ImportAsync(Branching());

        var looping = await h.StartAsync("loop");
        var healthy = await h.StartAsync("branching", new { amount = 1 });

        Assert.Equal(InstanceStatus.Faulted, looping.Status);
        Assert.Contains("spin", looping.Fault);
        Assert.Matches("语句|超过", looping.Fault!);
        Assert.Equal(InstanceStatus.Finished, healthy.Status);
    }

    [Fact]
    public async Task RunawayRecursionFaultsTheInstanceWithTheRecursionLimit()
    {
        using var h = new EngineHarness();
        await h.ImportAsync(Definition("recursion",
            [A("start", "Start"), A("deep", "SetProperty", new { name = "x", value = "function f(n) { return f(n + 1) + 1; } f(0)" })],
            [["start", "Done", "deep"]]));

        var instance = await h.StartAsync("recursion");

        Assert.Equal(InstanceStatus.Faulted, instance.Status);
        Assert.Contains("递归", instance.Fault);
    }

    [Fact]
    public async Task AFaultedInstanceCanBeRetriedFromTheActivityThatFaulted()
    {
        var flaky = new FlakyActivity();
        using var h = new EngineHarness(flaky);
        await h.ImportAsync(Definition("retry",
            [A("start", "Start"), A("call", "Flaky"), A("after", "SetProperty", new { name = "ok", value = "true" })],
            [["start", "Done", "call"], ["call", "Done", "after"]]));
        var instance = await h.StartAsync("retry");
        Assert.Equal(InstanceStatus.Faulted, instance.Status);
        Assert.Equal("热线系统暂不可用", instance.Fault);

        Assert.Equal(Zhizhi.Orchard.Workflows.Engine.WorkflowEngine.ResumeResult.Resumed, await h.WithEngine(e => e.RetryAsync(instance.Id, CT)));

        var retried = await h.GetAsync(instance.Id);
        Assert.Equal(InstanceStatus.Finished, retried.Status);
        Assert.Null(retried.Fault);
        Assert.True(Properties(retried)["ok"]!.GetValue<bool>());
        Assert.Equal(["start", "call", "call", "after"], Path(retried));
    }

    [Fact]
    public async Task TheDefaultThreeLevelMediationDefinitionIsValid()
    {
        using var h = new EngineHarness();
        var definition = WorkflowsRecipeStepAccess.ThreeLevelMediation();
        Assert.True(ValidateDefinition.Check(definition, h.Registry).IsValid);
        Assert.Equal("三级调解(通用模板,不接纠纷台账)", definition.Name);
        Assert.Contains(definition.Activities!, a => a.Type == "Timer" && a.Properties!["duration"]!.GetValue<string>() == "P7D");
    }

    /// <summary>A module-contributed activity: fails the first time (a remote system is down), then works.</summary>
    private sealed class FlakyActivity : IWorkflowActivity
    {
        private int _calls;
        public ActivityDescriptor Descriptor { get; } = new("Flaky", "调用热线系统", "任务", []);
        public IReadOnlyList<string> Outcomes(JsonObject properties) => ["Done"];
        public ActivityResult Execute(ActivityContext context)
            => Interlocked.Increment(ref _calls) == 1 ? ActivityResult.Fault("热线系统暂不可用") : ActivityResult.Done("Done");
    }
}

internal static class WorkflowsRecipeStepAccess
{
    public static DefinitionDocument ThreeLevelMediation() => WorkflowsRecipeStep.ThreeLevelMediation();
}

public sealed class TimerSignalTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AnUnseenTownshipIsSweptAtStartThenLeftAloneUntilATimerIsDue()
    {
        var signal = new Zhizhi.Orchard.Workflows.Engine.TimerSignal();
        Assert.True(signal.MayBeDue("idle", Now, startupPass: true));
        Assert.False(signal.MayBeDue("created-later", Now));

        signal.BeginSweep("idle");
        signal.EndSweep("idle", null);
        Assert.False(signal.MayBeDue("idle", Now.AddDays(365)));

        signal.Notify("idle", Now.AddMinutes(5));
        Assert.False(signal.MayBeDue("idle", Now));
        Assert.True(signal.MayBeDue("idle", Now.AddMinutes(5)));
    }

    [Fact]
    public void ATimerCommittedDuringASweepIsNotForgottenByItsEnd()
    {
        var signal = new Zhizhi.Orchard.Workflows.Engine.TimerSignal();
        signal.BeginSweep("busy");
        signal.Notify("busy", Now.AddSeconds(1));
        signal.EndSweep("busy", null);

        Assert.True(signal.MayBeDue("busy", Now.AddSeconds(1)));
    }
}
