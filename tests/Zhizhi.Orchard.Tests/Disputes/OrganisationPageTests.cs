using System.Net;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Tests.Mediation;
using Zhizhi.Orchard.Tests.Portal;
using static Zhizhi.Orchard.Tests.Disputes.DisputeHelpers;

namespace Zhizhi.Orchard.Tests.Disputes;

/// <summary>The back-office pages of the organisation tree, assignment rules, mediator screening fields and 指派调解员.</summary>
public abstract class OrganisationPageTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        using var r = await client.GetAsync(url, CT);
        await r.ShouldBeAsync(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync(CT);
    }

    private static async Task<string> RefusedAsync(HttpClient client, string page, string query, Dictionary<string, string> fields)
    {
        using var r = await client.PostFormAsync(page, query, fields);
        await r.ShouldBeAsync(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync(CT);
    }

    private static async Task AcceptedAsync(HttpClient client, string page, string query, Dictionary<string, string> fields)
    {
        using var r = await client.PostFormAsync(page, query, fields);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
    }

    [Fact]
    public async Task AnAdministratorEditsTheTreeOnThePageWithErrorsBesideTheFields()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var village = await OrganisationTests.AddVillageAsync(admin, "四甲村");

        var refused = await RefusedAsync(admin, "admin/organisation", "?handler=AddGrid",
            new() { ["Grid.VillageId"] = $"{village}", ["Grid.Name"] = "", ["Grid.WorkerPhone"] = "电话" });
        Assert.Contains("网格名称不能为空", refused);
        Assert.Contains("电话格式不正确", refused);
        await AcceptedAsync(admin, "admin/organisation", "?handler=AddGrid",
            new() { ["Grid.VillageId"] = $"{village}", ["Grid.Name"] = "第一网格", ["Grid.WorkerName"] = "蒋晓峰" });
        Assert.Contains("已有名为“第一网格”的网格", await RefusedAsync(admin, "admin/organisation", "?handler=AddGrid",
            new() { ["Grid.VillageId"] = $"{village}", ["Grid.Name"] = "第一网格" }));
        await AcceptedAsync(admin, "admin/organisation", "?handler=AddPerson",
            new() { ["Person.VillageId"] = $"{village}", ["Person.Name"] = "胡秀英", ["Person.Duty"] = "调委会主任" });

        var page = await HtmlAsync(admin, "admin/organisation");
        Assert.Contains("value=\"蒋晓峰\"", page);
        Assert.Contains("value=\"胡秀英\"", page);
        Assert.Contains("请先移除", await RefusedAsync(admin, "admin/organisation", $"?handler=RemoveVillage&id={village}", []));
    }

    [Fact]
    public async Task RulesMediatorsAndTheAssignMediatorFormWorkFromThePages()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await OrganisationTests.AddVillageAsync(admin, "东山村");

        Assert.Contains("承办人(账号或组织架构中的姓名)不能为空", await RefusedAsync(admin, "admin/disputes/assignment-rules", "",
            new() { ["Input.Level"] = "village", ["Input.Assignee"] = "" }));
        await AcceptedAsync(admin, "admin/disputes/assignment-rules", "",
            new() { ["Input.Level"] = "village", ["Input.Village"] = "东山村", ["Input.Assignee"] = "lizhuren", ["Input.DisplayName"] = "李主任" });
        Assert.Contains("李主任", await HtmlAsync(admin, "admin/disputes/assignment-rules"));

        await AcceptedAsync(admin, "admin/mediation/mediators", "", new()
        {
            ["Input.Name"] = "王调解", ["Input.Type"] = "专职", ["Input.Village"] = "东山村", ["Input.VillageGroup"] = "三组",
            ["Input.Conflicts"] = "张三户\n王五",
        });
        await AcceptedAsync(admin, "admin/mediation/mediators", "", new() { ["Input.Name"] = "孙调解", ["Input.Type"] = "兼职" });
        var mediators = await HtmlAsync(admin, "admin/mediation/mediators");
        Assert.Contains("张三户、王五", mediators);

        var id = (await ReportAsync(admin, Report(village: "东山村"))).GetProperty("id").GetInt32();
        var routed = await WaitForAsync(admin, id, c => c.Level() == "village");
        Assert.Equal("李主任", routed.GetProperty("assignee").GetString());
        Assert.Contains("指派调解员", await HtmlAsync(admin, $"admin/disputes/{id}"));
        Assert.Contains("不可指派:申报回避", await HtmlAsync(admin, $"admin/disputes/{id}/mediator"));
        await AcceptedAsync(admin, $"admin/disputes/{id}/mediator", "", new() { ["MediatorId"] = "" });
        Assert.Contains("id=\"case-mediator\">孙调解", await HtmlAsync(admin, $"admin/disputes/{id}"));
    }
}

public sealed class OrganisationPageTests_Sqlite(SqliteHost host) : OrganisationPageTests(host);

public sealed class OrganisationPageTests_Postgres(PostgresHost host) : OrganisationPageTests(host);
