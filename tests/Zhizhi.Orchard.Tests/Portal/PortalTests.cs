using System.Net;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Portal;

/// <summary>The township portal: the village directory and the notices (工作动态).</summary>
public abstract class PortalTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object Village(string name, string kind = "村", int grids = 3)
        => new { name, kind, grids, households = 420, head = "王主任", phone = "0571-88888888" };

    [Fact]
    public async Task TheAdminAddsAVillageThatEveryoneCanList()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using (var response = await admin.PostJsonAsync("api/portal/villages", Village("东山村")))
        {
            await response.ShouldBeAsync(HttpStatusCode.Created);
            var body = await response.JsonAsync();
            Assert.Equal("东山村", body.GetProperty("name").GetString());
            Assert.True(body.GetProperty("id").GetInt32() > 0);
        }
        using (var response = await admin.PostJsonAsync("api/portal/villages", Village("西湖社区", "社区", 5)))
            await response.ShouldBeAsync(HttpStatusCode.Created);

        using var anonymous = township.Anonymous();
        var list = await anonymous.GetJsonAsync("api/portal/villages");
        Assert.Equal(["东山村", "西湖社区"], list.EnumerateArray().Select(v => v.GetProperty("name").GetString()!));
        Assert.Equal(5, list[1].GetProperty("grids").GetInt32());
    }

    [Fact]
    public async Task AVillageNameAlreadyListedIs409()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using (var first = await admin.PostJsonAsync("api/portal/villages", Village("东山村"))) await first.ShouldBeAsync(HttpStatusCode.Created);

        using var second = await admin.PostJsonAsync("api/portal/villages", Village("东山村"));

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using var anonymous = township.Anonymous();
        Assert.Equal(1, (await anonymous.GetJsonAsync("api/portal/villages")).GetArrayLength());
    }

    [Fact]
    public async Task ParallelAdditionsOfOneVillageNameListItOnce()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => admin.PostJsonAsync("api/portal/villages", Village("南岭村"))));

        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        using var anonymous = township.Anonymous();
        Assert.Equal(1, (await anonymous.GetJsonAsync("api/portal/villages")).GetArrayLength());
    }

    [Fact]
    public async Task AResidentCannotAddAVillage()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);

        using var response = await client.PostJsonAsync("api/portal/villages", Village("东山村"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, (await client.GetJsonAsync("api/portal/villages")).GetArrayLength());
    }

    [Fact]
    public async Task AnonymousCannotAddAVillage()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.PostJsonAsync("api/portal/villages", Village("东山村"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnInvalidVillageIsRefusedWith400NamingTheFields()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using var response = await admin.PostJsonAsync("api/portal/villages", new { name = "", kind = "城堡", grids = -1, households = 10 });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors("name");
        problem.FieldErrors("kind");
        problem.FieldErrors("grids");
        using var anonymous = township.Anonymous();
        Assert.Equal(0, (await anonymous.GetJsonAsync("api/portal/villages")).GetArrayLength());
    }

    [Fact]
    public async Task AVillageWithAGridCountThatIsNotANumberIs400()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using var response = await admin.PostRawAsync("api/portal/villages", "{\"name\":\"东山村\",\"grids\":\"many\"}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NoticesListPinnedFirstThenNewestFirst()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var now = DateTimeOffset.UtcNow;
        async Task PublishAsync(string title, TimeSpan age, bool pinned)
        {
            using var response = await admin.PostJsonAsync("api/portal/notices",
                new { title, body = title + "的正文", publishedAt = now - age, pinned });
            await response.ShouldBeAsync(HttpStatusCode.Created);
            var notice = await response.JsonAsync();
            Assert.Equal(title, notice.GetProperty("title").GetString());
            Assert.Equal(township.AdminUserName, notice.GetProperty("author").GetString());
        }

        await PublishAsync("旧闻", TimeSpan.FromDays(3), pinned: false);
        await PublishAsync("置顶旧闻", TimeSpan.FromDays(5), pinned: true);
        await PublishAsync("新闻", TimeSpan.FromHours(1), pinned: false);
        await PublishAsync("置顶新闻", TimeSpan.FromDays(1), pinned: true);
        await PublishAsync("明日预告", TimeSpan.FromDays(-1), pinned: true);

        using var anonymous = township.Anonymous();
        var list = await anonymous.GetJsonAsync("api/portal/notices");
        Assert.Equal(["置顶新闻", "置顶旧闻", "新闻", "旧闻"], list.EnumerateArray().Select(n => n.GetProperty("title").GetString()!));
    }

    [Fact]
    public async Task ANoticeWithoutATitleIs400AndAResidentCannotPublish()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var resident = await township.RegisterResidentAsync();
        using var residentClient = township.As(resident.Token);

        using (var invalid = await admin.PostJsonAsync("api/portal/notices", new { title = " ", body = "正文" }))
            (await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("title");
        using (var forbidden = await residentClient.PostJsonAsync("api/portal/notices", new { title = "标题", body = "正文" }))
            await forbidden.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        using var anonymous = township.Anonymous();
        Assert.Equal(0, (await anonymous.GetJsonAsync("api/portal/notices")).GetArrayLength());
    }

    [Fact]
    public async Task VillagesOfOneTownshipAreNotSeenInAnother()
    {
        var a = await Host.CreateTownshipAsync();
        var b = await Host.CreateTownshipAsync();
        using var adminA = await a.AsAdminAsync();
        using (var response = await adminA.PostJsonAsync("api/portal/villages", Village("东山村"))) await response.ShouldBeAsync(HttpStatusCode.Created);

        using var clientB = b.Anonymous();
        Assert.Equal(0, (await clientB.GetJsonAsync("api/portal/villages")).GetArrayLength());
        using var adminB = await b.AsAdminAsync();
        using var again = await adminB.PostJsonAsync("api/portal/villages", Village("东山村"));
        await again.ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheHomePageOfATownshipAnswers200()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.GetAsync("", CT);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class PortalTests_Sqlite(SqliteHost host) : PortalTests(host);

public sealed class PortalTests_Postgres(PostgresHost host) : PortalTests(host);
