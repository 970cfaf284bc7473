using System.Net;
using MiniExcelLibs;
using Zhizhi.Orchard.Tests.Infrastructure;
using static Zhizhi.Orchard.Tests.Disputes.DisputeHelpers;

namespace Zhizhi.Orchard.Tests.Disputes;

/// <summary>The ledger export: an Excel workbook with the list's filters, phones masked for roles that do not handle cases.</summary>
public abstract class DisputeLedgerTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task<List<IDictionary<string, object>>> ExportAsync(HttpClient client, string query = "")
    {
        using var r = await client.GetAsync("api/disputes/export.xlsx" + query, CT);
        await r.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync(CT));
        return [.. stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>()];
    }

    [Fact]
    public async Task TheLedgerExportsFilteredRowsAndMasksPhonesForGridWorkers()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var grid = await township.CreateUserAsync("GridWorker");
        using var gridWorker = township.As(grid.Token);
        var first = await ReportAsync(admin, Report(category: "婚姻家庭"));
        await ReportAsync(admin, Report(category: "劳资/欠薪"));

        var all = await ExportAsync(admin);
        Assert.Equal(2, all.Count);
        Assert.Contains("13812345678", (string)all[0]["当事人"]);
        Assert.StartsWith("完整", (string)all[0]["时间线核验"]);
        var filtered = await ExportAsync(admin, "?category=" + Uri.EscapeDataString("婚姻家庭"));
        Assert.Equal(first.GetProperty("caseNo").GetString(), (string)Assert.Single(filtered)["案件编号"]);

        var masked = await ExportAsync(gridWorker);
        Assert.DoesNotContain("13812345678", (string)masked[0]["当事人"]);
        Assert.Contains("138****5678", (string)masked[0]["当事人"]);

        await TamperAsync(Host, township.Name, first.GetProperty("id").GetInt32(), 1, "改过");
        Assert.StartsWith("被改动", (string)(await ExportAsync(admin))[0]["时间线核验"]);

        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        using var refused = await client.GetAsync("api/disputes/export.xlsx", CT);
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class DisputeLedgerTests_Sqlite(SqliteHost host) : DisputeLedgerTests(host);

public sealed class DisputeLedgerTests_Postgres(PostgresHost host) : DisputeLedgerTests(host);
