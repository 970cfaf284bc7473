using System.Net;
using System.Text.Json;
using MiniExcelLibs;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.Tests.Infrastructure;
using static Zhizhi.Orchard.Tests.Disputes.DisputeHelpers;

namespace Zhizhi.Orchard.Tests.Disputes;

/// <summary>
/// The dispute dashboard (issue 5 item 10): exact figures on a known set of cases written straight into the township's
/// tables (report times in Beijing time around month ends), its period and village filters, bad input, who may see it;
/// and the ledger's grade filter (item 8) on the page and in the Excel export.
/// </summary>
public abstract class DisputeDashboardTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>A Beijing wall-clock time as the UTC instant the tables store.</summary>
    private static DateTime Bj(int y, int mo, int d, int h = 10, int mi = 0) => new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc) - Beijing;

    private static int _seq;

    private static DisputeCase Case(DateTime reported, string category, string? village, string status = CaseStatus.Reported,
        string? resolvedLevel = null, double? closedAfterDays = null, int? satisfaction = null, DateTime? deadline = null, string grade = CaseGrades.Blue)
    {
        var seq = Interlocked.Increment(ref _seq);
        return new DisputeCase
        {
            CaseNo = $"DB-2025-{seq:D6}", Year = 2025, Seq = seq, Title = $"看板测试案件{seq}", Description = "看板统计用的案件。",
            Category = category, Village = village, Source = "walk-in", Status = status, ReportedAt = reported,
            Level = resolvedLevel ?? CaseLevels.Village, ResolvedLevel = resolvedLevel,
            ResolvedAt = resolvedLevel is null ? null : reported.AddDays(1),
            ClosedAt = closedAfterDays is { } d ? reported.AddDays(d) : null,
            Satisfaction = satisfaction, DeadlineAt = deadline, Grade = grade,
        };
    }

    private static async Task<TestTownship> TownshipWithVillagesAsync(ZhizhiHost host)
    {
        var township = await host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        foreach (var name in new[] { "东村", "西村" })
            using (var r = await admin.PostJsonAsync("api/portal/villages", new { name, kind = "村" })) await r.ShouldBeAsync(HttpStatusCode.Created);
        return township;
    }

    private static Task SeedAsync(ZhizhiHost host, TestTownship township, params DisputeCase[] cases)
        => WithDatabaseAsync(host, township.Name, async db =>
        {
            db.Cases.AddRange(cases);
            await db.SaveChangesAsync(CT);
        });

    /// <summary>Five cases in the first half of 2025 and two just outside it, on either side.</summary>
    private static DisputeCase[] KnownCases() =>
    [
        Case(Bj(2025, 1, 10), "邻里纠纷", "东村", CaseStatus.Closed, CaseLevels.Village, closedAfterDays: 4, satisfaction: 5),
        Case(Bj(2025, 1, 31, 23, 30), "婚姻家庭", "东村", CaseStatus.Closed, CaseLevels.Township, closedAfterDays: 10, satisfaction: 3),
        // 07:00 on 1 February in Beijing is still 31 January in UTC: it counts in February.
        Case(Bj(2025, 2, 1, 7), "邻里纠纷", "西村", CaseStatus.Accepted, deadline: DateTime.UtcNow.AddDays(-2)),
        Case(Bj(2025, 3, 15), "邻里纠纷", null, CaseStatus.Resolved, CaseLevels.County),
        Case(Bj(2025, 6, 30, 20), "劳资/欠薪", "西村", deadline: DateTime.UtcNow.AddDays(5)),
        Case(Bj(2025, 7, 1, 1), "邻里纠纷", "东村", CaseStatus.Closed, CaseLevels.Village, closedAfterDays: 1, satisfaction: 1),
        Case(Bj(2024, 12, 31, 23), "邻里纠纷", "西村", deadline: DateTime.UtcNow.AddDays(-1)),
    ];

    private static (string, int)[] Pairs(JsonElement list, string key = "name")
        => [.. list.EnumerateArray().Select(e => (e.GetProperty(key).ToString(), e.GetProperty("count").GetInt32()))];

    [Fact]
    public async Task TheDashboardCountsAKnownSetOfCasesExactly()
    {
        var township = await TownshipWithVillagesAsync(Host);
        await SeedAsync(Host, township, KnownCases());
        using var admin = await township.AsAdminAsync();

        var d = await admin.GetJsonAsync("api/disputes/dashboard?from=2025-01-01&to=2025-06-30");
        Assert.Equal("2025-01-01", d.GetProperty("from").GetString());
        Assert.Equal("2025-06-30", d.GetProperty("to").GetString());
        Assert.Equal(5, d.GetProperty("total").GetInt32());
        Assert.Equal(3, d.GetProperty("resolved").GetInt32());
        Assert.Equal(0.6, d.GetProperty("resolutionRate").GetDouble());
        Assert.Equal(2, d.GetProperty("closed").GetInt32());
        Assert.Equal(7.0, d.GetProperty("averageDaysToClose").GetDouble());
        Assert.Equal(1, d.GetProperty("overdue").GetInt32());
        Assert.Equal([("2025-01", 2), ("2025-02", 1), ("2025-03", 1), ("2025-04", 0), ("2025-05", 0), ("2025-06", 1)], Pairs(d.GetProperty("months"), "month"));
        Assert.Equal([("邻里纠纷", 3), ("劳资/欠薪", 1), ("婚姻家庭", 1)], Pairs(d.GetProperty("categories")));
        Assert.Equal([("东村", 2), ("西村", 2), ("未指定村(社区)", 1)], Pairs(d.GetProperty("villages")));
        var settled = d.GetProperty("settledAt");
        Assert.Equal((1, 1, 1), (settled.GetProperty("village").GetInt32(), settled.GetProperty("township").GetInt32(), settled.GetProperty("county").GetInt32()));
        Assert.Equal(0.3333, settled.GetProperty("villageRate").GetDouble());
        var satisfaction = d.GetProperty("satisfaction");
        Assert.Equal(4.0, satisfaction.GetProperty("average").GetDouble());
        Assert.Equal(2, satisfaction.GetProperty("count").GetInt32());
        Assert.Equal([("1", 0), ("2", 0), ("3", 1), ("4", 0), ("5", 1)], Pairs(satisfaction.GetProperty("distribution"), "score"));

        // One village: only its cases, every figure narrowed.
        var east = await admin.GetJsonAsync("api/disputes/dashboard?from=2025-01-01&to=2025-06-30&village=" + Uri.EscapeDataString("东村"));
        Assert.Equal("东村", east.GetProperty("village").GetString());
        Assert.Equal(2, east.GetProperty("total").GetInt32());
        Assert.Equal(1.0, east.GetProperty("resolutionRate").GetDouble());
        Assert.Equal(0, east.GetProperty("overdue").GetInt32());
        Assert.Equal([("2025-01", 2), ("2025-02", 0), ("2025-03", 0), ("2025-04", 0), ("2025-05", 0), ("2025-06", 0)], Pairs(east.GetProperty("months"), "month"));
        Assert.Equal(0.5, east.GetProperty("settledAt").GetProperty("townshipRate").GetDouble());

        // February alone (a Beijing month): the case of 07:00 on the 1st, not the one of 23:30 on 31 January.
        var february = await admin.GetJsonAsync("api/disputes/dashboard?from=2025-02-01&to=2025-02-28");
        Assert.Equal(1, february.GetProperty("total").GetInt32());
        Assert.Equal([("2025-02", 1)], Pairs(february.GetProperty("months"), "month"));
        Assert.Equal([("西村", 1)], Pairs(february.GetProperty("villages")));
        Assert.Equal(JsonValueKind.Null, february.GetProperty("averageDaysToClose").ValueKind);
        Assert.Equal(JsonValueKind.Null, february.GetProperty("satisfaction").GetProperty("average").ValueKind);

        // A period starting mid-month: its first month counts only from that day (the case of the 10th is outside).
        var fromMidJanuary = await admin.GetJsonAsync("api/disputes/dashboard?from=2025-01-20&to=2025-03-15");
        Assert.Equal(3, fromMidJanuary.GetProperty("total").GetInt32());
        Assert.Equal([("2025-01", 1), ("2025-02", 1), ("2025-03", 1)], Pairs(fromMidJanuary.GetProperty("months"), "month"));
        Assert.Equal(10.0, fromMidJanuary.GetProperty("averageDaysToClose").GetDouble());

        // No period: this month and the 11 before it, from the first of a month.
        var recent = await admin.GetJsonAsync("api/disputes/dashboard");
        Assert.Equal(12, recent.GetProperty("months").GetArrayLength());
        Assert.EndsWith("-01", recent.GetProperty("from").GetString());

        // The contract's statistics are unchanged: every case of the township.
        var stats = (await admin.GetJsonAsync("api/stats")).GetProperty("disputes");
        Assert.Equal(7, stats.GetProperty("total").GetInt32());
        Assert.Equal(4, stats.GetProperty("resolved").GetInt32());
        Assert.Equal(2, stats.GetProperty("overdue").GetInt32());
    }

    [Fact]
    public async Task TheDashboardPageShowsTheFiguresInTablesAndTheChartsReadTheEndpoint()
    {
        var township = await TownshipWithVillagesAsync(Host);
        await SeedAsync(Host, township, KnownCases());
        using var admin = await township.AsAdminAsync();

        using (var r = await admin.GetAsync("admin/disputes/dashboard?from=2025-01-01&to=2025-06-30&village=" + Uri.EscapeDataString("西村"), CT))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            var html = await r.Content.ReadAsStringAsync(CT);
            Assert.Contains("纠纷统计看板", html);
            Assert.Matches("<th scope=\"row\">2025-02</th><td>1</td>", html);
            Assert.Matches("<th scope=\"row\">西村</th><td>2</td>", html);
            Assert.DoesNotContain("<th scope=\"row\">东村</th>", html);
            Assert.Contains("data-source=\"/" + township.Name + "/api/disputes/dashboard?from=2025-01-01&amp;to=2025-06-30&amp;village=%E8%A5%BF%E6%9D%91\"", html);
            Assert.Contains("lib/echarts.common.min.js", html);
        }
        using (var r = await admin.GetAsync("admin/disputes/dashboard?from=2025-02-30", CT))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            var html = await r.Content.ReadAsStringAsync(CT);
            Assert.Contains("起始日期格式应为", html);
            Assert.DoesNotContain("data-dashboard", html);
        }
        Assert.Contains("admin/disputes/dashboard", await (await admin.GetAsync("admin/disputes", CT)).Content.ReadAsStringAsync(CT));
    }

    [Fact]
    public async Task BadPeriodsAndVillagesAre400AndResidentsAre403()
    {
        var township = await TownshipWithVillagesAsync(Host);
        using var admin = await township.AsAdminAsync();
        foreach (var (query, field) in new[]
        {
            ("from=2025-13-01", "from"), ("from=yesterday", "from"), ("to=2025/06/30", "to"),
            ("from=2025-06-01&to=2025-01-01", "from"), ("from=2020-01-01&to=2025-01-01", "from"),
            ("village=" + Uri.EscapeDataString("不存在村"), "village"),
        })
        {
            using var r = await admin.GetAsync("api/disputes/dashboard?" + query, CT);
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors(field);
        }

        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        using (var r = await client.GetAsync("api/disputes/dashboard", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await client.GetAsync("admin/disputes/dashboard", CT)) Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
        using var anonymous = township.Anonymous();
        using (var r = await anonymous.GetAsync("api/disputes/dashboard", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheGradeFilterNarrowsTheLedgerPageAndTheExport()
    {
        var township = await TownshipWithVillagesAsync(Host);
        var red = Case(Bj(2025, 3, 1), "邻里纠纷", "东村", grade: CaseGrades.Red);
        var red2 = Case(Bj(2025, 3, 2), "婚姻家庭", "西村", grade: CaseGrades.Red);
        var yellow = Case(Bj(2025, 3, 3), "邻里纠纷", "东村", grade: CaseGrades.Yellow);
        var blue = Case(Bj(2025, 3, 4), "邻里纠纷", "东村");
        await SeedAsync(Host, township, red, red2, yellow, blue);
        using var admin = await township.AsAdminAsync();

        async Task<List<IDictionary<string, object>>> ExportAsync(string query)
        {
            using var r = await admin.GetAsync("api/disputes/export.xlsx" + query, CT);
            await r.ShouldBeAsync(HttpStatusCode.OK);
            using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync(CT));
            return [.. stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>()];
        }

        var reds = await ExportAsync("?grade=red");
        Assert.Equal([red.CaseNo, red2.CaseNo], reds.Select(r => (string)r["案件编号"]).Order().ToArray());
        Assert.All(reds, r => Assert.Equal("红", r["等级"]));
        var redInEast = Assert.Single(await ExportAsync("?grade=red&village=" + Uri.EscapeDataString("东村")));
        Assert.Equal(red.CaseNo, redInEast["案件编号"]);
        Assert.Equal("黄", Assert.Single(await ExportAsync("?grade=yellow"))["等级"]);
        Assert.Equal(4, (await ExportAsync("")).Count);
        using (var r = await admin.GetAsync("api/disputes/export.xlsx?grade=purple", CT))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("grade");

        var list = await admin.GetJsonAsync("api/disputes?grade=red");
        Assert.Equal(2, list.GetProperty("total").GetInt32());

        using var page = await admin.GetAsync("admin/disputes?status=all&grade=red", CT);
        await page.ShouldBeAsync(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(CT);
        Assert.Contains(red.CaseNo, html);
        Assert.Contains(red2.CaseNo, html);
        Assert.DoesNotContain(yellow.CaseNo, html);
        Assert.DoesNotContain(blue.CaseNo, html);
        Assert.Contains("<option value=\"red\" selected=\"selected\">红</option>", html);
        Assert.Contains("export.xlsx?status=all&amp;grade=red", html);
    }
}

public sealed class DisputeDashboardTests_Sqlite(SqliteHost host) : DisputeDashboardTests(host);

public sealed class DisputeDashboardTests_Postgres(PostgresHost host) : DisputeDashboardTests(host);
