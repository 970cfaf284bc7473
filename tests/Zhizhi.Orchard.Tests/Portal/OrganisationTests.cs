using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.Tests.Portal;

/// <summary>The organisation tree (villages → grids and people in charge): editing, validation, concurrency, access.</summary>
public abstract class OrganisationTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    public static async Task<int> AddVillageAsync(HttpClient admin, string name)
    {
        using var r = await admin.PostJsonAsync("api/portal/villages", new { name, kind = "村", grids = 2, households = 300 });
        await r.ShouldBeAsync(HttpStatusCode.Created);
        return (await r.JsonAsync()).GetProperty("id").GetInt32();
    }

    public static async Task<int> AddGridAsync(HttpClient admin, int village, string name, string? worker = null)
    {
        using var r = await admin.PostJsonAsync($"api/organisation/villages/{village}/grids", new { name, workerName = worker, workerPhone = "13811112222" });
        await r.ShouldBeAsync(HttpStatusCode.Created);
        return (await r.JsonAsync()).GetProperty("id").GetInt32();
    }

    public static async Task<int> AddPersonAsync(HttpClient admin, int village, string name, string duty)
    {
        using var r = await admin.PostJsonAsync($"api/organisation/villages/{village}/people", new { name, duty, phone = "0575-87001234" });
        await r.ShouldBeAsync(HttpStatusCode.Created);
        return (await r.JsonAsync()).GetProperty("id").GetInt32();
    }

    private static JsonElement Village(JsonElement tree, int id) => tree.EnumerateArray().Single(v => v.GetProperty("id").GetInt32() == id);

    [Fact]
    public async Task AnAdministratorBuildsTheTreeAndStaffReadIt()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var village = await AddVillageAsync(admin, "四甲村");
        var grid = await AddGridAsync(admin, village, "第一网格", "蒋晓峰");
        await AddGridAsync(admin, village, "第二网格", "王小红");
        var secretary = await AddPersonAsync(admin, village, "陈国华", "村支书/主任");
        await AddPersonAsync(admin, village, "李秀英", "调委会主任");

        using (var r = await admin.PutAsJsonAsync($"api/organisation/grids/{grid}", new { name = "东片网格", workerName = "蒋晓峰", workerPhone = "13800001111", workerUserName = "wangge" }, CT))
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("东片网格", (await r.JsonAsync()).GetProperty("name").GetString());
        }
        using (var r = await admin.DeleteAsync($"api/organisation/people/{secretary}", CT)) await r.ShouldBeAsync(HttpStatusCode.NoContent);

        var mediator = await township.CreateUserAsync("Mediator");
        using var staff = township.As(mediator.Token);
        var node = Village(await staff.GetJsonAsync("api/organisation"), village);
        Assert.Equal("四甲村", node.GetProperty("name").GetString());
        Assert.Equal(["东片网格", "第二网格"], node.GetProperty("grids").EnumerateArray().Select(g => g.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("wangge", node.GetProperty("grids")[0].GetProperty("workerUserName").GetString());
        var person = Assert.Single(node.GetProperty("people").EnumerateArray());
        Assert.Equal("调委会主任", person.GetProperty("duty").GetString());

        // Other modules ask the same tree through the directory contract.
        var t = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(t);
        var directory = scope.ServiceProvider.GetRequiredService<ITownshipDirectory>();
        Assert.Equal(2, (await directory.GridsAsync("四甲村", CT)).Count);
        Assert.Equal("李秀英", (await directory.PersonInChargeAsync("四甲村", "调委会主任", CT))?.Name);
        Assert.Null(await directory.PersonInChargeAsync("四甲村", "村支书/主任", CT));
        Assert.Empty(await directory.GridsAsync("没有村", CT));
    }

    [Fact]
    public async Task BadInputIsRefusedInChineseAndChangesNothing()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var village = await AddVillageAsync(admin, "墙下陶村");
        var grid = await AddGridAsync(admin, village, "第一网格", "张伟");
        await AddGridAsync(admin, village, "第二网格", "刘强");

        using (var r = await admin.PostJsonAsync($"api/organisation/villages/{village}/grids", new { name = "", workerPhone = "电话" }))
        {
            var problem = await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            Assert.Matches(Infrastructure.Http.Chinese(), problem.FieldErrors("name")[0]);
            Assert.Matches(Infrastructure.Http.Chinese(), problem.FieldErrors("workerPhone")[0]);
        }
        using (var r = await admin.PostJsonAsync($"api/organisation/villages/{village}/grids", new { name = new string('网', 51) }))
            (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("name");
        using (var r = await admin.PostJsonAsync($"api/organisation/villages/{village}/people", new { name = "周某" }))
            Assert.Matches(Infrastructure.Http.Chinese(), (await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("duty")[0]);
        using (var r = await admin.PostJsonAsync("api/organisation/villages/99999/grids", new { name = "第九网格" }))
            Assert.Matches(Infrastructure.Http.Chinese(), (await r.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!);
        using (var r = await admin.PutAsJsonAsync($"api/organisation/grids/{grid}", new { name = "第二网格" }, CT))
            Assert.Contains("第二网格", (await r.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        var node = Village(await admin.GetJsonAsync("api/organisation"), village);
        Assert.Equal(["第一网格", "第二网格"], node.GetProperty("grids").EnumerateArray().Select(g => g.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("张伟", node.GetProperty("grids")[0].GetProperty("workerName").GetString());
        Assert.Empty(node.GetProperty("people").EnumerateArray());
    }

    [Fact]
    public async Task OfParallelAddsOfTheSameGridNameExactlyOneWins()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var village = await AddVillageAsync(admin, "新桥村");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var r = await admin.PostJsonAsync($"api/organisation/villages/{village}/grids", new { name = "第三网格", workerName = $"网格员{i}" });
            return r.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Single(Village(await admin.GetJsonAsync("api/organisation"), village).GetProperty("grids").EnumerateArray());
    }

    [Fact]
    public async Task AVillageWithGridsCannotBeRemovedUntilTheyAreGone()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var village = await AddVillageAsync(admin, "东山村");
        var grid = await AddGridAsync(admin, village, "第一网格");

        using (var r = await admin.DeleteAsync($"api/organisation/villages/{village}", CT))
            Assert.Contains("网格", (await r.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Contains((await admin.GetJsonAsync("api/portal/villages")).EnumerateArray(), v => v.GetProperty("id").GetInt32() == village);

        using (var r = await admin.DeleteAsync($"api/organisation/grids/{grid}", CT)) await r.ShouldBeAsync(HttpStatusCode.NoContent);
        using (var r = await admin.DeleteAsync($"api/organisation/villages/{village}", CT)) await r.ShouldBeAsync(HttpStatusCode.NoContent);
        Assert.DoesNotContain((await admin.GetJsonAsync("api/portal/villages")).EnumerateArray(), v => v.GetProperty("id").GetInt32() == village);
    }

    [Fact]
    public async Task ResidentsAreForbiddenAndMediatorsMayOnlyRead()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var village = await AddVillageAsync(admin, "西山村");
        var resident = await township.RegisterResidentAsync();
        using var asResident = township.As(resident.Token);
        using (var r = await asResident.GetAsync("api/organisation", CT)) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var r = await asResident.PostJsonAsync($"api/organisation/villages/{village}/grids", new { name = "第一网格" }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var mediator = await township.CreateUserAsync("Mediator");
        using var asMediator = township.As(mediator.Token);
        using (var r = await asMediator.PostJsonAsync($"api/organisation/villages/{village}/grids", new { name = "第一网格" }))
            await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty(Village(await asMediator.GetJsonAsync("api/organisation"), village).GetProperty("grids").EnumerateArray());
    }

    [Fact]
    public async Task TheDemoRecipeSeedsATreeThatRoutingUses()
    {
        var name = Names.Township();
        using (var county = await Host.AdminClientAsync())
        {
            // The whole demo recipe runs inside this request (see DisputeDemoTests for why the timeout is long).
            county.Timeout = TimeSpan.FromMinutes(5);
            using var r = await county.PostJsonAsync("api/tenants", new { name, displayName = "演示镇", adminUserName = "admin", adminPassword = "Admin-Pass-2026", recipe = "demo-rural" });
            await r.ShouldBeAsync(HttpStatusCode.Created);
        }
        using var admin = await new TestTownship(Host, name, "admin", "Admin-Pass-2026").AsAdminAsync();

        var tree = (await admin.GetJsonAsync("api/organisation")).EnumerateArray().ToList();
        Assert.NotEmpty(tree);
        Assert.All(tree, v =>
        {
            Assert.NotEmpty(v.GetProperty("grids").EnumerateArray());
            Assert.Contains(v.GetProperty("people").EnumerateArray(), p => p.GetProperty("duty").GetString() == "调委会主任");
        });
        Assert.Equal("wangge", tree[0].GetProperty("grids")[0].GetProperty("workerUserName").GetString());

        var cases = (await admin.GetJsonAsync("api/disputes?pageSize=50&status=accepted")).GetProperty("items").EnumerateArray().ToList();
        var accepted = await Disputes.DisputeHelpers.WaitForAsync(admin, cases[0].GetProperty("id").GetInt32(), c => c.GetProperty("assignee").ValueKind == JsonValueKind.String);
        var head = tree.Single(v => v.GetProperty("name").GetString() == accepted.GetProperty("village").GetString())
            .GetProperty("people").EnumerateArray().First(p => p.GetProperty("duty").GetString() == "调委会主任").GetProperty("name").GetString();
        Assert.Equal(head, accepted.GetProperty("assignee").GetString());
    }
}

public sealed class OrganisationTests_Sqlite(SqliteHost host) : OrganisationTests(host);

public sealed class OrganisationTests_Postgres(PostgresHost host) : OrganisationTests(host);
