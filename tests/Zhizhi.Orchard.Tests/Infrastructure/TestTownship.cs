using System.Net;

namespace Zhizhi.Orchard.Tests.Infrastructure;

/// <summary>A township made for one test, with helpers to act in it as its admin, a resident or anyone.</summary>
public sealed class TestTownship(ZhizhiHost host, string name, string adminUserName, string adminPassword)
{
    private string? _adminToken;

    public ZhizhiHost Host { get; } = host;
    public string Name { get; } = name;
    public string AdminUserName { get; } = adminUserName;
    public string AdminPassword { get; } = adminPassword;

    /// <summary>An anonymous client whose relative URLs ("api/me") go to this township.</summary>
    public HttpClient Anonymous() => Host.NewClient(Name);

    public HttpClient As(string token) => Host.NewClient(Name, token);

    public async Task<string> TokenAsync(string userName, string password)
    {
        using var client = Anonymous();
        return await client.TokenAsync(userName, password);
    }

    public async Task<string> AdminTokenAsync() => _adminToken ??= await TokenAsync(AdminUserName, AdminPassword);

    public async Task<HttpClient> AsAdminAsync() => As(await AdminTokenAsync());

    /// <summary>Registers a resident through the public API and signs them in.</summary>
    public async Task<TestUser> RegisterResidentAsync(string? userName = null)
    {
        userName ??= Names.User("r");
        var password = "Res-" + Names.Random(6) + "1";
        using var client = Anonymous();
        using var response = await client.PostJsonAsync("api/auth/register",
            new { userName, password, displayName = "居民" + userName, phone = "13800138000" });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return new TestUser(userName, password, await TokenAsync(userName, password));
    }

    /// <summary>Creates an account with the given roles as the township administrator, and signs it in.</summary>
    public async Task<TestUser> CreateUserAsync(params string[] roles)
    {
        var userName = Names.User("s");
        var password = "Staff-" + Names.Random(6) + "1";
        using var admin = await AsAdminAsync();
        using var response = await admin.PostJsonAsync("api/users",
            new { userName, password, displayName = "工作人员" + userName, phone = "13900139000", roles });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return new TestUser(userName, password, await TokenAsync(userName, password));
    }
}

public sealed record TestUser(string UserName, string Password, string Token);
