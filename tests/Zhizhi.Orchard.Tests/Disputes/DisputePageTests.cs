using System.Net;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Tests.Mediation;
using static Zhizhi.Orchard.Tests.Disputes.DisputeHelpers;

namespace Zhizhi.Orchard.Tests.Disputes;

/// <summary>The pages: the resident's report form and 我的纠纷 with rating, the staff 待办 list, case page and printable agreement.</summary>
public abstract class DisputePageTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        using var r = await client.GetAsync(url, CT);
        await r.ShouldBeAsync(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync(CT);
    }

    [Fact]
    public async Task AResidentReportsStaffSettleWithAnAgreementAndTheResidentRates()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var mine = township.As(resident.Token);
        using var admin = await township.AsAdminAsync();

        using (var bad = await mine.PostFormAsync("disputes", "", new() { ["Input.Title"] = "邻居漏水", ["Input.Description"] = "楼上漏水到我家" }))
        {
            await bad.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Contains("纠纷类别不能为空", await bad.Content.ReadAsStringAsync(CT));
        }
        Assert.Empty((await mine.GetJsonAsync("api/disputes/mine")).EnumerateArray());
        using (var ok = await mine.PostFormAsync("disputes", "", new()
        {
            ["Input.Title"] = "邻居漏水", ["Input.Description"] = "楼上漏水到我家,协商不成", ["Input.Category"] = "邻里纠纷",
            ["Input.OtherParty"] = "王五", ["Input.OtherPartyPhone"] = "13700001111",
        }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var filed = Assert.Single((await mine.GetJsonAsync("api/disputes/mine")).EnumerateArray());
        var id = filed.GetProperty("id").GetInt32();
        Assert.Equal("resident", filed.GetProperty("source").GetString());
        await WaitForAsync(admin, id, c => c.Level() == "village");

        Assert.Contains(filed.GetProperty("caseNo").GetString()!, await HtmlAsync(admin, "admin/disputes"));
        var page = await HtmlAsync(admin, $"admin/disputes/{id}");
        Assert.Contains("哈希链完整", page);
        Assert.Contains("13700001111", page);
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "accept" })) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "classify", ["Input.Grade"] = "red", ["Input.Leader"] = "" }))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Contains("须指定包案领导", await r.Content.ReadAsStringAsync(CT));
        }
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "classify", ["Input.Grade"] = "red", ["Input.Leader"] = "张书记" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Matches("id=\"case-grade\">红[^<]*张书记", await HtmlAsync(admin, $"admin/disputes/{id}"));
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "agreement", ["Input.Terms"] = "王五于三日内修复防水层并赔偿 400 元。", ["Input.JudicialConfirmation"] = "true" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "close" }))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Contains("须化解或答复后才能办结", await r.Content.ReadAsStringAsync(CT));
        }
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "resolve" })) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var r = await admin.PostFormAsync($"admin/disputes/{id}", "", new() { ["op"] = "close" })) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);

        var agreement = await HtmlAsync(admin, $"admin/disputes/{id}/agreement");
        Assert.Contains("人民调解协议书", agreement);
        Assert.Contains("@media print", agreement);
        Assert.Contains("赔偿 400 元", agreement);
        Assert.Contains("当事人已同意", agreement);

        Assert.Contains("请为本次调处打分", await HtmlAsync(mine, $"disputes/mine/{id}"));
        using (var r = await mine.PostFormAsync($"disputes/mine/{id}", "", new() { ["Satisfaction"] = "4" })) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var rated = await mine.GetJsonAsync($"api/disputes/{id}");
        Assert.Equal(4, rated.GetProperty("satisfaction").GetInt32());
        Assert.Equal("closed", rated.GetProperty("status").GetString());
        Assert.Contains("您的评价:4 分", await HtmlAsync(mine, $"disputes/mine/{id}"));
    }

    [Fact]
    public async Task TheCasePageShowsABrokenChainAfterADatabaseEdit()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        await WaitForAsync(admin, id, c => c.Level() == "village");

        await TamperAsync(Host, township.Name, id, 1, "改过的上报内容");

        Assert.Contains("第 1 条记录的内容与其哈希不符", await HtmlAsync(admin, $"admin/disputes/{id}"));
    }

    [Fact]
    public async Task OthersCannotSeeAResidentsCasePageOrTheStaffPages()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        var other = await township.RegisterResidentAsync();
        using var mine = township.As(resident.Token);
        var id = (await ReportAsync(mine, Report(source: "resident"))).GetProperty("id").GetInt32();
        using var them = township.As(other.Token);

        using (var r = await them.GetAsync($"disputes/mine/{id}", CT)) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await mine.GetAsync($"admin/disputes/{id}", CT)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await mine.GetAsync("admin/disputes", CT)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }
}

public sealed class DisputePageTests_Sqlite(SqliteHost host) : DisputePageTests(host);

public sealed class DisputePageTests_Postgres(PostgresHost host) : DisputePageTests(host);
