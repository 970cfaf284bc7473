using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>流程设计器 (issue 4): a clerk builds a small workflow by dragging and connecting, saves it, and sees it run.</summary>
public sealed class WorkflowDesignerTests(BrowserHost host) : BrowserTest(host)
{
    private static async Task ConnectAsync(IPage page, ILocator from, ILocator to)
    {
        var a = (await from.BoundingBoxAsync())!;
        var b = (await to.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(a.X + a.Width / 2, a.Y + a.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((a.X + b.X) / 2, (a.Y + b.Y) / 2 + 10, new() { Steps = 5 });
        await page.Mouse.MoveAsync(b.X + b.Width / 2, b.Y + b.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task A_clerk_drags_start_set_property_and_finish_connects_them_edits_a_property_saves_and_the_run_shows_finished()
    {
        var id = "e2e-" + Names.Random(6).ToLowerInvariant();
        var admin = await SignedInPageAsync("hengjie/", "admin", BrowserHost.DemoPassword);

        await admin.GotoAsync("hengjie/admin/workflows");
        var create = admin.Locator("form").Filter(new() { Has = admin.GetByRole(AriaRole.Button, new() { Name = "新建" }) });
        await create.GetByLabel("流程编号").FillAsync(id);
        await create.GetByLabel("流程名称").FillAsync("测试加倍流程");
        await create.GetByRole(AriaRole.Button, new() { Name = "新建" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex($"/hengjie/admin/workflows/{id}"));
        var designer = admin.Locator("[data-wf-designer][data-ready=true]");
        await Expect(designer).ToBeVisibleAsync();
        await Expect(admin.Locator("#wf-name")).ToHaveValueAsync("测试加倍流程");

        // Drag three activities from the palette onto the canvas.
        var canvas = admin.Locator(".zz-wf-canvas");
        var palette = admin.Locator(".zz-wf-palette");
        await palette.GetByRole(AriaRole.Button, new() { Name = "开始", Exact = true }).DragToAsync(canvas, new() { TargetPosition = new() { X = 30, Y = 60 } });
        await palette.GetByRole(AriaRole.Button, new() { Name = "设置属性", Exact = true }).DragToAsync(canvas, new() { TargetPosition = new() { X = 250, Y = 60 } });
        await palette.GetByRole(AriaRole.Button, new() { Name = "结束", Exact = true }).DragToAsync(canvas, new() { TargetPosition = new() { X = 470, Y = 60 } });
        var start = canvas.Locator("[data-activity=start]");
        var set = canvas.Locator("[data-activity=setproperty-1]");
        var finish = canvas.Locator("[data-activity=finish-1]");
        await Expect(start).ToBeVisibleAsync();
        await Expect(set).ToBeVisibleAsync();
        await Expect(finish).ToBeVisibleAsync();

        // Validation before connecting: the unconnected activities are marked on the canvas, and nothing is saved.
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await Expect(admin.Locator(".zz-wf-message")).ToContainTextAsync("校验未通过");
        await Expect(set).ToHaveClassAsync(new Regex("zz-wf-error"));
        await Expect(admin.Locator(".zz-wf-issues")).ToContainTextAsync("“属性名”不能为空");

        // Connect Start → SetProperty → Finish through their outcome ports.
        await ConnectAsync(admin, start.Locator(".output_1"), set.Locator(".input_1"));
        await ConnectAsync(admin, set.Locator(".output_1"), finish.Locator(".input_1"));
        await Expect(canvas.Locator(".connection")).ToHaveCountAsync(2);

        // Edit the set-property activity in the side panel.
        await set.Locator(".zz-wf-node-title").ClickAsync();
        var panel = admin.Locator(".zz-wf-panel");
        await panel.GetByLabel("属性名", new() { Exact = true }).FillAsync("doubled");
        await panel.GetByLabel("取值(JavaScript)", new() { Exact = true }).FillAsync("input.amount * 2");

        // A dry run first: the path and the property, nothing saved.
        await admin.Locator("#wf-dry-input").FillAsync("{\"amount\": 5}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "试运行" }).ClickAsync();
        var dry = admin.Locator(".zz-wf-dryrun-result");
        await Expect(dry).ToContainTextAsync("已完成");
        await Expect(dry.Locator(".zz-wf-path li")).ToHaveCountAsync(3);
        await Expect(dry).ToContainTextAsync("\"doubled\": 10");

        await admin.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();
        await Expect(admin.Locator(".zz-wf-message")).ToHaveTextAsync("已保存为第 1 版");
        await Screenshots.TakeAsync(admin, "workflow-designer");

        // Started through the API (the admin's cookie), it runs to the end.
        var response = await admin.Context.APIRequest.PostAsync($"hengjie/api/workflows/{id}/instances",
            new() { DataObject = new { input = new { amount = 21 }, correlationId = "E2E-" + id } });
        Assert.Equal(201, response.Status);

        await admin.GotoAsync($"hengjie/admin/workflows/instances?definition={id}");
        var row = admin.Locator("tr[data-status]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("已完成");
        await Expect(row).ToContainTextAsync("E2E-" + id);
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(admin.Locator("[data-wf-designer][data-ready=true]")).ToBeVisibleAsync();
        await Expect(admin.Locator("pre[data-kind=properties]")).ToContainTextAsync("\"doubled\": 42");
        await Expect(admin.Locator(".drawflow-node.zz-wf-visited")).ToHaveCountAsync(3);
        await Expect(admin.Locator(".zz-wf-timeline li")).ToHaveCountAsync(5);
        await Screenshots.TakeAsync(admin, "workflow-instance");
        await Axe.AssertNoSeriousViolationsAsync(admin, "流程实例页");
    }

    [Fact]
    public async Task A_clerk_imports_a_json_file_restores_an_old_version_and_cancels_a_waiting_instance()
    {
        var id = "e2e-" + Names.Random(6).ToLowerInvariant();
        var admin = await SignedInPageAsync("hengjie/", "admin", BrowserHost.DemoPassword);
        string Json(string name, string? duration = "PT1H") => $$"""
            {"id":"{{id}}","name":"{{name}}","activities":[
              {"id":"start","type":"Start","x":20,"y":20},
              {"id":"approve","type":"UserTask","name":"审批","properties":{"outcomes":["同意","驳回"]},"x":240,"y":20},
              {"id":"wait","type":"Timer","properties":{"duration":"{{duration}}"},"x":460,"y":20},
              {"id":"end","type":"Finish","x":680,"y":20}],
             "transitions":[{"from":"start","outcome":"Done","to":"approve"},{"from":"approve","outcome":"同意","to":"wait"},
               {"from":"approve","outcome":"驳回","to":"end"},{"from":"wait","outcome":"Done","to":"end"}],
             "startActivities":["start"]}
            """;
        async Task ImportAsync(string json)
        {
            await admin.GotoAsync("hengjie/admin/workflows");
            await admin.GetByLabel("流程定义文件").SetInputFilesAsync(new FilePayload { Name = id + ".json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(json) });
            await admin.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        }

        // A bad file is refused with its reason, and nothing is saved.
        await ImportAsync(Json("坏流程", duration: "一小时"));
        await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("ISO 8601");
        await Expect(admin.Locator("main table")).Not.ToContainTextAsync(id);

        await ImportAsync(Json("导入的审批"));
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("已导入流程“导入的审批”,第 1 版");
        await ImportAsync(Json("导入的审批(改)"));
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("已导入流程“导入的审批(改)”,第 2 版");

        // Version 1 opens read-only; "以此版本为准" saves it as version 3.
        await admin.GotoAsync($"hengjie/admin/workflows/{id}?version=1");
        await Expect(admin.Locator("[data-wf-designer][data-ready=true]")).ToBeVisibleAsync();
        await Expect(admin.Locator(".zz-wf-status")).ToContainTextAsync("正在查看第 1 版(只读)");
        await Expect(admin.Locator(".zz-wf-palette")).ToHaveCountAsync(0);
        await Expect(admin.Locator("#wf-name")).ToHaveValueAsync("导入的审批");
        await admin.GetByRole(AriaRole.Button, new() { Name = "以此版本为准" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex($"/hengjie/admin/workflows/{id}$"));
        await Expect(admin.Locator(".zz-wf-status")).ToHaveTextAsync("当前为第 3 版");
        await Expect(admin.Locator("#wf-name")).ToHaveValueAsync("导入的审批");

        // An instance waits at the user task; the clerk finds it by correlation id and cancels it.
        var correlation = "E2E-" + id;
        var response = await admin.Context.APIRequest.PostAsync($"hengjie/api/workflows/{id}/instances", new() { DataObject = new { input = new { }, correlationId = correlation } });
        Assert.Equal(201, response.Status);
        await admin.GotoAsync("hengjie/admin/workflows/instances");
        await admin.GetByLabel("关联号").FillAsync(correlation);
        await admin.GetByLabel("状态").SelectOptionAsync("waiting");
        await admin.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var row = admin.Locator("tr[data-status]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("等待中");
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(admin.Locator(".drawflow-node.zz-wf-visited")).ToHaveCountAsync(2);
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "取消实例" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("已取消该实例");
        await Expect(admin.Locator("main .badge[data-status]")).ToHaveTextAsync("已取消");
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "取消实例" })).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("hengjie/admin/workflows")]
    [InlineData("hengjie/admin/workflows/instances")]
    [InlineData("hengjie/admin/workflows/notifications")]
    [InlineData("hengjie/admin/workflows/three-level-mediation")]
    [InlineData("hengjie/admin/workflows/three-level-mediation?version=1")]
    public async Task The_workflow_pages_have_no_serious_accessibility_violations(string path)
    {
        var admin = await SignedInPageAsync("hengjie/", "admin", BrowserHost.DemoPassword);
        var response = await admin.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        if (path.Contains("mediation", StringComparison.Ordinal))
        {
            await Expect(admin.Locator("[data-wf-designer][data-ready=true]")).ToBeVisibleAsync();
            await Expect(admin.Locator(".drawflow-node").First).ToBeVisibleAsync();
        }
        await Screenshots.TakeAsync(admin, Screenshots.Safe(path.Replace("?", "-", StringComparison.Ordinal)));
        await Axe.AssertNoSeriousViolationsAsync(admin, "/" + path);
    }
}
