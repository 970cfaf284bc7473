using System.Net;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Users;

/// <summary>Resident registration, staff accounts and what a signed-in user sees of themselves.</summary>
public abstract class AccountTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static object Resident(string userName, string password = "Resident-2026", string phone = "13800138000")
        => new { userName, password, displayName = "张三", phone };

    [Fact]
    public async Task AResidentRegistersWith201AndTheSameNameAgainIs409()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();
        var userName = Names.User();

        using (var first = await client.PostJsonAsync("api/auth/register", Resident(userName)))
        {
            await first.ShouldBeAsync(HttpStatusCode.Created);
            var body = await first.JsonAsync();
            Assert.Equal(userName, body.GetProperty("userName").GetString());
            Assert.Equal(["Resident"], body.GetProperty("roles").Strings());
        }
        using var second = await client.PostJsonAsync("api/auth/register", Resident(userName, "Other-Pass-2026"));
        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        // The first password still works: the refused registration changed nothing.
        await township.TokenAsync(userName, "Resident-2026");
    }

    [Fact]
    public async Task UserNamesThatDifferOnlyInCaseAreTheSameName()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();
        var userName = "Zhang" + Names.Random(6);

        using (var first = await client.PostJsonAsync("api/auth/register", Resident(userName)))
            await first.ShouldBeAsync(HttpStatusCode.Created);
        using var second = await client.PostJsonAsync("api/auth/register", Resident(userName.ToLowerInvariant(), "Other-Pass-2026"));

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await township.TokenAsync(userName.ToUpperInvariant(), "Resident-2026");
    }

    [Fact]
    public async Task ANullRoleIsRefusedWith400()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using var response = await admin.PostRawAsync("api/users",
            $"{{\"userName\":\"{Names.User()}\",\"password\":\"Staff-2026x\",\"displayName\":\"某人\",\"roles\":[null]}}");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("roles");
    }

    [Fact]
    public async Task ChineseUserNamesWork()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();
        var userName = "李四" + Names.Random(3);

        using (var response = await client.PostJsonAsync("api/auth/register", Resident(userName)))
            await response.ShouldBeAsync(HttpStatusCode.Created);

        using var me = township.As(await township.TokenAsync(userName, "Resident-2026"));
        Assert.Equal(userName, (await me.GetJsonAsync("api/me")).GetProperty("userName").GetString());
    }

    [Fact]
    public async Task ABadPhoneIsRefusedWith400OnThePhoneField()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.PostJsonAsync("api/auth/register", Resident(Names.User(), phone: "12345"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("phone");
    }

    [Fact]
    public async Task AShortPasswordIsRefusedWith400OnThePasswordField()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();
        var userName = Names.User();

        using var response = await client.PostJsonAsync("api/auth/register", Resident(userName, password: "a1"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("password");
        using var token = await client.PostJsonAsync("api/auth/token", new { userName, password = "a1" });
        await token.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnEmptyRegistrationNamesEveryMissingField()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.PostRawAsync("api/auth/register", "{}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors("userName");
        problem.FieldErrors("password");
        problem.FieldErrors("displayName");
    }

    [Fact]
    public async Task MalformedJsonToRegisterIs400()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.PostRawAsync("api/auth/register", "{\"userName\": ");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ABodyOverOneMegabyteToATownshipIs413()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.PostRawAsync("api/auth/register",
            System.Text.Json.JsonSerializer.Serialize(new { userName = Names.User(), displayName = new string('x', 1_100_000) }));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task OfTenParallelRegistrationsOfOneUserNameExactlyOneSucceeds()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();
        var userName = Names.User();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => client.PostJsonAsync("api/auth/register", Resident(userName, $"Resident-{i}-2026"))));

        try
        {
            var codes = responses.Select(r => r.StatusCode).ToList();
            Assert.DoesNotContain(codes, c => (int)c >= 500);
            Assert.Single(codes, HttpStatusCode.Created);
            Assert.Equal(9, codes.Count(c => c == HttpStatusCode.Conflict));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        using var admin = await township.AsAdminAsync();
        var users = await admin.GetJsonAsync("api/users");
        Assert.Single(users.EnumerateArray(), u => u.GetProperty("userName").GetString() == userName);
    }

    [Fact]
    public async Task MeReturnsTheUserNameDisplayNameAndRolesOfAResident()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);

        var me = await client.GetJsonAsync("api/me");

        Assert.Equal(resident.UserName, me.GetProperty("userName").GetString());
        Assert.Equal("居民" + resident.UserName, me.GetProperty("displayName").GetString());
        Assert.Equal(["Resident"], me.GetProperty("roles").Strings());
    }

    [Fact]
    public async Task TheTownshipAdminCreatesAStaffAccountThatCanSignIn()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var userName = Names.User("m");

        using (var response = await admin.PostJsonAsync("api/users",
            new { userName, password = "Mediator-2026", displayName = "调解员王", phone = "13900139000", roles = new[] { "Mediator", "Volunteer" } }))
        {
            await response.ShouldBeAsync(HttpStatusCode.Created);
            var body = await response.JsonAsync();
            Assert.Equal(userName, body.GetProperty("userName").GetString());
            Assert.Equal(["Mediator", "Volunteer"], body.GetProperty("roles").Strings().Order());
        }

        using var staff = township.As(await township.TokenAsync(userName, "Mediator-2026"));
        var me = await staff.GetJsonAsync("api/me");
        Assert.Equal("调解员王", me.GetProperty("displayName").GetString());
        Assert.Equal(["Mediator", "Volunteer"], me.GetProperty("roles").Strings().Order());
    }

    [Fact]
    public async Task AResidentCannotCreateAccounts()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);

        using var response = await client.PostJsonAsync("api/users",
            new { userName = Names.User(), password = "Staff-2026x", displayName = "某人", roles = new[] { "Administrator" } });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var list = await client.GetAsync("api/users", CT);
        await list.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnUnknownRoleIsRefusedWith400()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using var response = await admin.PostJsonAsync("api/users",
            new { userName = Names.User(), password = "Staff-2026x", displayName = "某人", roles = new[] { "Emperor" } });

        Assert.Contains((await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("roles"), m => m.Contains("Emperor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAccountWithoutRolesIsRefusedWith400()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();

        using var response = await admin.PostJsonAsync("api/users",
            new { userName = Names.User(), password = "Staff-2026x", displayName = "某人", roles = Array.Empty<string>() });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("roles");
    }

    [Fact]
    public async Task TheUserListMasksPhoneNumbers()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var admin = await township.AsAdminAsync();

        var users = await admin.GetJsonAsync("api/users");

        var row = Assert.Single(users.EnumerateArray(), u => u.GetProperty("userName").GetString() == resident.UserName);
        Assert.Equal("138****8000", row.GetProperty("phone").GetString());
        Assert.DoesNotContain("13800138000", users.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameUserNameInTwoTownshipsIsTwoDifferentAccounts()
    {
        var a = await Host.CreateTownshipAsync();
        var b = await Host.CreateTownshipAsync();
        var userName = Names.User();
        using var clientA = a.Anonymous();
        using var clientB = b.Anonymous();

        using (var ra = await clientA.PostJsonAsync("api/auth/register", Resident(userName, "Password-A-1")))
            await ra.ShouldBeAsync(HttpStatusCode.Created);
        using (var rb = await clientB.PostJsonAsync("api/auth/register", Resident(userName, "Password-B-2")))
            await rb.ShouldBeAsync(HttpStatusCode.Created);

        await a.TokenAsync(userName, "Password-A-1");
        await b.TokenAsync(userName, "Password-B-2");
        using (var wrongA = await clientA.PostJsonAsync("api/auth/token", new { userName, password = "Password-B-2" }))
            await wrongA.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using (var wrongB = await clientB.PostJsonAsync("api/auth/token", new { userName, password = "Password-A-1" }))
            await wrongB.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAccountOfOneTownshipDoesNotExistInAnother()
    {
        var a = await Host.CreateTownshipAsync();
        var b = await Host.CreateTownshipAsync();
        var resident = await a.RegisterResidentAsync();
        using var clientB = b.Anonymous();

        using var response = await clientB.PostJsonAsync("api/auth/token", new { userName = resident.UserName, password = resident.Password });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class AccountTests_Sqlite(SqliteHost host) : AccountTests(host);

public sealed class AccountTests_Postgres(PostgresHost host) : AccountTests(host);
