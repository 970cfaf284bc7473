using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Tests.Portal;
using static Zhizhi.Orchard.Tests.Disputes.DisputeHelpers;

namespace Zhizhi.Orchard.Tests.Disputes;

/// <summary>Assignment rules at routing (most specific wins, the organisation tree as fallback) and mediator assignment with screening and load balancing.</summary>
public abstract class CaseAssignmentTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task AddRuleAsync(HttpClient admin, string? village, string? category, string display)
    {
        using var r = await admin.PostJsonAsync("api/disputes/assignment-rules", new { level = "village", village, category, assignee = display + "账号", displayName = display });
        await r.ShouldBeAsync(HttpStatusCode.Created);
    }

    private static async Task<JsonElement> RoutedAsync(HttpClient admin, string village, string category)
    {
        var created = await ReportAsync(admin, Report(village: village, category: category));
        return await WaitForAsync(admin, created.GetProperty("id").GetInt32(), c => c.Level() == "village");
    }

    private static string? AssignedNote(JsonElement c) => c.Timeline().Where(e => e.GetProperty("kind").GetString() == "assigned").Select(e => e.GetProperty("note").GetString()).SingleOrDefault();

    [Fact]
    public async Task TheMostSpecificRuleDecidesTheAssigneeAndTheTimelineSaysWhy()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await OrganisationTests.AddVillageAsync(admin, "四甲村");
        await OrganisationTests.AddVillageAsync(admin, "新桥村");
        await AddRuleAsync(admin, null, null, "甲主任");
        await AddRuleAsync(admin, null, "婚姻家庭", "乙主任");
        await AddRuleAsync(admin, "四甲村", null, "丙主任");
        await AddRuleAsync(admin, "四甲村", "婚姻家庭", "李主任");

        var both = await RoutedAsync(admin, "四甲村", "婚姻家庭");
        var village = await RoutedAsync(admin, "四甲村", "邻里纠纷");
        var category = await RoutedAsync(admin, "新桥村", "婚姻家庭");
        var level = await RoutedAsync(admin, "新桥村", "邻里纠纷");

        Assert.Equal("李主任", both.GetProperty("assignee").GetString());
        Assert.Equal("按规则:村(社区)+四甲村+婚姻家庭 → 李主任", AssignedNote(both));
        Assert.Equal("丙主任", village.GetProperty("assignee").GetString());
        Assert.Equal("乙主任", category.GetProperty("assignee").GetString());
        Assert.Equal("按规则:村(社区)+婚姻家庭 → 乙主任", AssignedNote(category));
        Assert.Equal("甲主任", level.GetProperty("assignee").GetString());
    }

    [Fact]
    public async Task WithoutARuleTheVillagesMediationCommitteeHeadTakesTheCase()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var village = await OrganisationTests.AddVillageAsync(admin, "墙下陶村");
        await OrganisationTests.AddPersonAsync(admin, village, "陈国华", "村支书/主任");
        await OrganisationTests.AddPersonAsync(admin, village, "胡秀英", "调委会主任");

        var c = await RoutedAsync(admin, "墙下陶村", "邻里纠纷");

        Assert.Equal("胡秀英", c.GetProperty("assignee").GetString());
        Assert.Contains("墙下陶村调委会主任 → 胡秀英", AssignedNote(c));
    }

    [Fact]
    public async Task BadRulesAreRefusedInChineseAndResidentsCannotTouchThem()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await OrganisationTests.AddVillageAsync(admin, "四甲村");
        using (var r = await admin.PostJsonAsync("api/disputes/assignment-rules", new { level = "province", assignee = "x" }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("level");
        using (var r = await admin.PostJsonAsync("api/disputes/assignment-rules", new { level = "village", village = "没有村", category = "外星纠纷", assignee = "" }))
        {
            var problem = await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.FieldErrors("village");
            problem.FieldErrors("category");
            problem.FieldErrors("assignee");
        }
        await AddRuleAsync(admin, "四甲村", null, "丙主任");
        using (var r = await admin.PostJsonAsync("api/disputes/assignment-rules", new { level = "village", village = "四甲村", assignee = "别人" }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var resident = await township.RegisterResidentAsync();
        using var asResident = township.As(resident.Token);
        using (var r = await asResident.PostJsonAsync("api/disputes/assignment-rules", new { level = "village", assignee = "我" }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var rules = await admin.GetJsonAsync("api/disputes/assignment-rules");
        Assert.Equal("丙主任", Assert.Single(rules.EnumerateArray()).GetProperty("displayName").GetString());
    }

    private static async Task<int> AddMediatorAsync(HttpClient admin, string name, string[] specialties, string? village = null, string? group = null, string[]? conflicts = null)
    {
        using var r = await admin.PostJsonAsync("api/mediation/mediators", new { name, type = "专职", specialties, village, villageGroup = group, conflicts });
        await r.ShouldBeAsync(HttpStatusCode.Created);
        return (await r.JsonAsync()).GetProperty("id").GetInt32();
    }

    private static object Parties => new object[]
    {
        new { name = "张三", phone = "13812345678", role = "申请人", villageGroup = "一组", address = "东山村一组 12 号" },
        new { name = "李四", phone = "13987654321", role = "被申请人", villageGroup = "三组" },
    };

    [Fact]
    public async Task ScreeningExcludesKinAndTheSameVillageGroupAndRecordsWhy()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        await OrganisationTests.AddVillageAsync(admin, "东山村");
        var kin = await AddMediatorAsync(admin, "王调解", ["婚姻家庭"], conflicts: ["张三户"]);
        await AddMediatorAsync(admin, "赵调解", ["婚姻家庭"], "东山村", "三组");
        var free = await AddMediatorAsync(admin, "孙调解", ["邻里纠纷"], "东山村", "五组");
        var created = await ReportAsync(admin, new { title = "夫妻分居财产争议", description = "双方分居后就财产分割发生争执。", category = "婚姻家庭", village = "东山村", source = "walk-in", parties = Parties });
        var id = created.GetProperty("id").GetInt32();

        var refused = await ActAsync(admin, id, new { action = "assignMediator", mediatorId = kin }, HttpStatusCode.Conflict);
        Assert.Contains("申报回避", refused.GetProperty("detail").GetString());
        var unknown = await ActAsync(admin, id, new { action = "assignMediator", mediatorId = 99999 }, HttpStatusCode.BadRequest);
        Assert.Matches(Infrastructure.Http.Chinese(), unknown.FieldErrors("mediatorId")[0]);
        Assert.Equal(JsonValueKind.Null, (await admin.GetJsonAsync($"api/disputes/{id}")).GetProperty("mediatorId").ValueKind);

        var c = await ActAsync(admin, id, new { action = "assignMediator" });

        Assert.Equal(free, c.GetProperty("mediatorId").GetInt32());
        Assert.Equal("孙调解", c.GetProperty("mediatorName").GetString());
        var note = c.Timeline().Last(e => e.GetProperty("kind").GetString() == "assignMediator").GetProperty("note").GetString()!;
        Assert.Contains("王调解(申报回避", note);
        Assert.Contains("赵调解(与当事人李四同村民小组", note);
        Assert.Contains("没有擅长婚姻家庭的可指派调解员", note);
        Assert.Equal("三组", c.GetProperty("parties")[1].GetProperty("villageGroup").GetString());
    }

    [Fact]
    public async Task LoadBalancingPicksTheMediatorWithTheFewestOpenCases()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var first = await AddMediatorAsync(admin, "甲调解", ["邻里纠纷"]);
        var second = await AddMediatorAsync(admin, "乙调解", ["邻里纠纷"]);
        await AddMediatorAsync(admin, "丙调解", ["工伤"]);
        async Task<int> AssignAsync(int? mediatorId = null)
        {
            var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();
            var c = await ActAsync(admin, id, mediatorId is null ? new { action = "assignMediator" } : new { action = "assignMediator", mediatorId });
            return c.GetProperty("mediatorId").GetInt32();
        }

        Assert.Equal(first, await AssignAsync());
        Assert.Equal(second, await AssignAsync());
        Assert.Equal(first, await AssignAsync(first));
        Assert.Equal(second, await AssignAsync());
        var last = (await ReportAsync(admin)).GetProperty("id").GetInt32();
        var c = await ActAsync(admin, last, new { action = "assignMediator" });
        Assert.Equal(first, c.GetProperty("mediatorId").GetInt32());
        Assert.Contains("件数相同,取编号最小者", c.Timeline().Last(e => e.GetProperty("kind").GetString() == "assignMediator").GetProperty("note").GetString());
    }

    [Fact]
    public async Task WithoutTheMediationFeatureOrAsAResidentAssignmentIsRefused()
    {
        var township = await Host.CreateTownshipAsync(features: ["Workflows", "DisputeRouting"]);
        using var admin = await township.AsAdminAsync();
        var id = (await ReportAsync(admin)).GetProperty("id").GetInt32();

        var off = await ActAsync(admin, id, new { action = "assignMediator" }, HttpStatusCode.Conflict);
        Assert.Equal("本乡镇未启用调解室与调解员名录", off.GetProperty("detail").GetString());

        var resident = await township.RegisterResidentAsync();
        using var asResident = township.As(resident.Token);
        await ActAsync(asResident, id, new { action = "assignMediator" }, HttpStatusCode.Forbidden);
    }
}

public sealed class CaseAssignmentTests_Sqlite(SqliteHost host) : CaseAssignmentTests(host);

public sealed class CaseAssignmentTests_Postgres(PostgresHost host) : CaseAssignmentTests(host);
