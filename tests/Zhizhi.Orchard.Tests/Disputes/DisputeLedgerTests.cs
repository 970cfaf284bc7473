using System.Net;
using Microsoft.Extensions.DependencyInjection;
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

/// <summary>The demo recipe files a few cases from the seeds and leaves them in several states, routed by the workflow.</summary>
public abstract class DisputeDemoTests(ZhizhiHost fixture)
{
    protected ZhizhiHost Host => fixture.EnsureAvailable();

    [Fact]
    public async Task TheRuralDemoHasCasesInSeveralStatesRoutedByTheWorkflow()
    {
        var name = Names.Township();
        using (var county = await Host.AdminClientAsync())
        {
            // The whole demo recipe (articles indexed, rooms, volunteers, five routed cases) runs inside this request:
            // on a loaded two-core machine with PostgreSQL it once took longer than HttpClient's default 100 s.
            county.Timeout = TimeSpan.FromMinutes(5);
            using var r = await county.PostJsonAsync("api/tenants", new { name, displayName = "演示镇", adminUserName = "admin", adminPassword = "Admin-Pass-2026", recipe = "demo-rural" });
            await r.ShouldBeAsync(HttpStatusCode.Created);
        }
        var township = new TestTownship(Host, name, "admin", "Admin-Pass-2026");
        using var admin = await township.AsAdminAsync();

        var list = (await admin.GetJsonAsync("api/disputes?pageSize=50")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, list.Count);
        Assert.Equal(["accepted", "closed", "escalated", "reported", "resolved"], list.Select(c => c.GetProperty("status").GetString()!).Order().ToArray());
        foreach (var c in list)
        {
            var routed = await WaitForAsync(admin, c.GetProperty("id").GetInt32(), x => x.Level() is not null && (x.GetProperty("status").GetString() != "escalated" || x.Level() == "township"));
            Assert.True((await admin.GetJsonAsync($"api/disputes/{c.GetProperty("id").GetInt32()}/verify")).GetProperty("valid").GetBoolean());
            Assert.NotNull(routed.GetProperty("village").GetString());
        }
        var stats = (await admin.GetJsonAsync("api/stats")).GetProperty("disputes");
        Assert.Equal(5, stats.GetProperty("total").GetInt32());
        Assert.Equal(2, stats.GetProperty("resolved").GetInt32());
        Assert.Equal(1.0, stats.GetProperty("resolvedInVillageRate").GetDouble());
    }
}

public sealed class DisputeDemoTests_Sqlite(SqliteHost host) : DisputeDemoTests(host);

public sealed class DisputeDemoTests_Postgres(PostgresHost host) : DisputeDemoTests(host);

/// <summary>Intake from a mediation booking's recorded outcome: one case per booking, settled or escalated.</summary>
public abstract class DisputeIntakeTests(ZhizhiHost fixture)
{
    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private async Task DeliverAsync(string township, Zhizhi.Orchard.Mediation.Contracts.BookingOutcomeRecorded e)
    {
        var t = Host.Services.GetRequiredService<ITownshipManager>().Find(township)!;
        await using var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(t);
        var handler = scope.ServiceProvider.GetRequiredService<Zhizhi.Orchard.DisputeRouting.Intake.BookingOutcomeHandler>();
        await handler.HandleAsync(e, new Zhizhi.Orchard.Events.EventContext(Guid.NewGuid(), t, DateTime.UtcNow, 1), TestContext.Current.CancellationToken);
    }

    private static Zhizhi.Orchard.Mediation.Contracts.BookingOutcomeRecorded Outcome(int bookingId, string outcome, string applicantId)
        => new(bookingId, "BK" + bookingId, 1, "油茶屋调解室", DateTimeOffset.Now, "邻里纠纷", applicantId, "邻居家空调外机滴水", "王五", outcome, "双方握手言和", "邓调解员", DateTime.UtcNow);

    [Fact]
    public async Task ARecordedBookingOutcomeFilesOneCaseForTheApplicant()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var resident = await township.RegisterResidentAsync();
        using var mine = township.As(resident.Token);
        var applicantId = await UserIdAsync(township, resident.UserName);

        await Task.WhenAll(DeliverAsync(township.Name, Outcome(7, "settled", applicantId)), DeliverAsync(township.Name, Outcome(7, "settled", applicantId)));
        await DeliverAsync(township.Name, Outcome(7, "settled", applicantId));
        await DeliverAsync(township.Name, Outcome(8, "not_settled", applicantId));
        await DeliverAsync(township.Name, Outcome(9, "no_show", applicantId));

        var cases = (await admin.GetJsonAsync("api/disputes?pageSize=50")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, cases.Count);
        var settled = cases.Single(c => c.GetProperty("bookingId").GetInt32() == 7);
        Assert.Equal("resolved", settled.GetProperty("status").GetString());
        Assert.Equal("booking", settled.GetProperty("source").GetString());
        Assert.Equal("escalated", cases.Single(c => c.GetProperty("bookingId").GetInt32() == 8).GetProperty("status").GetString());
        Assert.Equal(2, (await mine.GetJsonAsync("api/disputes/mine")).GetArrayLength());
        var id = settled.GetProperty("id").GetInt32();
        var routed = await WaitForAsync(admin, id, c => c.Level() is not null);
        Assert.Equal("village", routed.GetProperty("resolvedLevel").GetString());
    }

    private async Task<string> UserIdAsync(TestTownship township, string userName)
    {
        var t = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(t);
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Zhizhi.Orchard.Users.Accounts.User>>();
        return (await users.FindByNameAsync(userName))!.Id;
    }
}

public sealed class DisputeIntakeTests_Sqlite(SqliteHost host) : DisputeIntakeTests(host);

public sealed class DisputeIntakeTests_Postgres(PostgresHost host) : DisputeIntakeTests(host);
