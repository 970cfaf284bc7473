using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>试运行 past waits (issue 4): the panel shows the whole path, the timers with due times and the assumptions; picking a task's outcome re-runs.</summary>
public sealed class WorkflowDryRunPanelTests(BrowserHost host) : BrowserTest(host)
{
    [Fact]
    public async Task A_clerk_dry_runs_past_a_deadline_then_picks_the_task_outcome_and_sees_the_other_branch()
    {
        var id = "e2e-dry-" + Names.Random(6).ToLowerInvariant();
        var admin = await SignedInPageAsync("hengjie/", "admin", BrowserHost.DemoPassword);
        var definition = new
        {
            id, name = "村级调解限期", enabled = true,
            activities = new object[]
            {
                new { id = "start", type = "Start", x = 20, y = 40 },
                new { id = "race", type = "Fork", properties = new { race = true }, x = 220, y = 40 },
                new { id = "task", type = "UserTask", name = "村调委会调解", properties = new { outcomes = new[] { "调解失败", "调解成功" } }, x = 420, y = 0 },
                new { id = "deadline", type = "Timer", name = "村级期限", properties = new { duration = "P7D" }, x = 420, y = 160 },
                new { id = "escalate", type = "SetProperty", properties = new { name = "level", value = "'township'" }, x = 640, y = 160 },
                new { id = "done", type = "SetProperty", properties = new { name = "resolved", value = "true" }, x = 640, y = 0 },
                new { id = "end", type = "Finish", x = 860, y = 80 },
            },
            transitions = new[]
            {
                new { from = "start", outcome = "Done", to = "race" }, new { from = "race", outcome = "Done", to = "task" }, new { from = "race", outcome = "Done", to = "deadline" },
                new { from = "task", outcome = "调解成功", to = "done" }, new { from = "task", outcome = "调解失败", to = "escalate" },
                new { from = "deadline", outcome = "Done", to = "escalate" }, new { from = "escalate", outcome = "Done", to = "end" }, new { from = "done", outcome = "Done", to = "end" },
            },
            startActivities = new[] { "start" },
        };
        var created = await admin.Context.APIRequest.PostAsync("hengjie/api/workflows", new() { DataObject = definition });
        Assert.Equal(201, created.Status);

        await admin.GotoAsync($"hengjie/admin/workflows/{id}");
        await Expect(admin.Locator("[data-wf-designer][data-ready=true]")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "试运行" }).ClickAsync();

        // Nobody acts on the task: the deadline falls due (7 working days) and the case goes up.
        var dry = admin.Locator(".zz-wf-dryrun-result");
        await Expect(dry).ToContainTextAsync("已完成");
        await Expect(dry.Locator(".zz-wf-timers li[data-state=fired]")).ToHaveCountAsync(1);
        await Expect(dry.Locator(".zz-wf-timers")).ToContainTextAsync("P7D");
        await Expect(dry.Locator(".zz-wf-assumptions")).ToContainTextAsync("未办理");
        await Expect(dry.Locator(".zz-wf-path li[data-activity=escalate]")).ToHaveCountAsync(1);
        await Expect(admin.Locator(".drawflow-node.zz-wf-visited")).ToHaveCountAsync(6);

        // The clerk picks "调解成功" for the task: it re-runs, the deadline is cancelled and the other branch is highlighted.
        await dry.Locator("select[data-choice=task]").SelectOptionAsync("调解成功");
        await Expect(dry.Locator(".zz-wf-timers li[data-state=cancelled]")).ToHaveCountAsync(1);
        await Expect(dry.Locator(".zz-wf-path li[data-activity=done]")).ToHaveCountAsync(1);
        await Expect(dry.Locator(".zz-wf-path li[data-activity=escalate]")).ToHaveCountAsync(0);
        await Expect(dry.Locator(".zz-wf-assumptions")).ToContainTextAsync("按所选选择“调解成功”");
        await Expect(admin.Locator(".drawflow-node.zz-wf-visited")).ToHaveCountAsync(6);
        await Expect(dry.Locator("select[data-choice=task]")).ToHaveValueAsync("调解成功");
        await Screenshots.TakeAsync(admin, "workflow-dry-run-choices");
        await Axe.AssertNoSeriousViolationsAsync(admin, "流程设计器试运行");
    }
}
