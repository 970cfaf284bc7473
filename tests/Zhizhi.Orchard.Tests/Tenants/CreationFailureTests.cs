using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Tenants;

/// <summary>
/// Creation is all or nothing, also when it fails late (after storage, tables and the admin exist), and a
/// township being created answers 503. Runs on the instrumented hosts, whose feature setup can be told
/// to fail or to wait for one named township.
/// </summary>
public abstract class CreationFailureTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private Sabotage Sabotage => Host.Services.GetRequiredService<Sabotage>();

    private static object NewTownship(string name) => new { name, displayName = "测试镇", adminUserName = "admin", adminPassword = "Admin-Pass-2026" };

    [Fact]
    public async Task ATownshipWhoseCreationFailsLateLeavesNothingBehindAndItsNameCanBeUsedAgain()
    {
        var name = Names.Township();
        Sabotage.FailOnce(name);
        using var admin = await Host.AdminClientAsync();

        using (var failed = await admin.PostJsonAsync("api/tenants", NewTownship(name)))
            await failed.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);

        using (var get = await admin.GetAsync($"api/tenants/{name}", CT)) await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await admin.GetJsonAsync("api/tenants")).EnumerateArray(), t => t.GetProperty("name").GetString() == name);
        Assert.False(Directory.Exists(Path.Combine(Host.DataPath, "Townships", name)), "the township's folder was left behind");
        if (Host is PostgresHost pg) Assert.False(await pg.SchemaExistsAsync("t_" + name), "the township's schema was left behind");
        using (var client = Host.NewClient(name))
            await (await client.GetAsync("api/portal/villages", CT)).ShouldBeAsync(HttpStatusCode.NotFound);

        var township = await Host.CreateTownshipAsync(name);
        using var again = await township.AsAdminAsync();
        Assert.Equal(township.AdminUserName, (await again.GetJsonAsync("api/me")).GetProperty("userName").GetString());
    }

    [Fact]
    public async Task ATownshipAnswers503WhileItIsBeingCreatedAnd200Once201IsSent()
    {
        var name = Names.Township();
        var hold = Sabotage.Hold(name);
        using var admin = await Host.AdminClientAsync();
        using var client = Host.NewClient(name);

        var creation = admin.PostJsonAsync("api/tenants", NewTownship(name));
        try
        {
            // An upper bound only: creation reaches the hold in well under a second on a quiet machine.
            await hold.Reached.Task.WaitAsync(TimeSpan.FromSeconds(120), CT);

            using (var busy = await client.GetAsync("api/portal/villages", CT))
            {
                await busy.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.NotNull(busy.Headers.RetryAfter);
            }
            Assert.DoesNotContain((await admin.GetJsonAsync("api/tenants")).EnumerateArray(), t => t.GetProperty("name").GetString() == name);
            using (var again = await admin.PostJsonAsync("api/tenants", NewTownship(name)))
                await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }
        finally
        {
            hold.Release.TrySetResult();
        }

        using var created = await creation;
        await created.ShouldBeAsync(HttpStatusCode.Created);
        await client.GetJsonAsync("api/portal/villages");
    }
}

public sealed class CreationFailureTests_Sqlite(InstrumentedSqliteHost host) : CreationFailureTests(host);

public sealed class CreationFailureTests_Postgres(InstrumentedPostgresHost host) : CreationFailureTests(host);
