using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Zhizhi.Orchard.Tests.Infrastructure;

/// <summary>
/// One running host on one database provider, shared by every test of the assembly (starting a host is
/// the slow part). Tests never share data through it: each creates its own township.
/// </summary>
public abstract class ZhizhiHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUserName = "county-admin";
    public const string AdminPassword = "County-Pass-2026";

    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _adminToken;

    protected ZhizhiHost()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "zhizhi-tests", $"{GetType().Name}-{Names.Random(10)}");
    }

    /// <summary>The host's data folder (SQLite files, township folders, logs).</summary>
    public string DataPath { get; }

    public abstract string Provider { get; }

    /// <summary>Where the host answers ("http://localhost/" in memory, a real port with Kestrel).</summary>
    public Uri Root { get; private set; } = new("http://localhost/");

    /// <summary>Null when the host runs; otherwise why the tests of this provider cannot run.</summary>
    public string? Unavailable { get; protected set; }

    /// <summary>Set when an unavailable provider must fail the tests rather than skip them (CI).</summary>
    public bool FailWhenUnavailable { get; protected set; }

    internal void MarkUnavailable(string reason, bool fail)
    {
        Unavailable = reason;
        FailWhenUnavailable = fail;
    }

    /// <summary>Skips (or, in CI, fails) the calling test when this provider cannot run here.</summary>
    public ZhizhiHost EnsureAvailable()
    {
        if (Unavailable is null) return this;
        if (FailWhenUnavailable) Assert.Fail(Unavailable);
        Assert.Skip(Unavailable);
        return this;
    }

    /// <summary>Provider-specific preparation before the host starts (e.g. a fresh database).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Provider-specific clean-up after the host stopped.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    protected virtual void ConfigureSettings(IWebHostBuilder builder) { }

    protected virtual void ConfigureTestServices(IServiceCollection services) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Zhizhi:DataPath", DataPath);
        builder.UseSetting("Zhizhi:Demo", "false");
        builder.UseSetting("Zhizhi:Admin:UserName", AdminUserName);
        builder.UseSetting("Zhizhi:Admin:Password", AdminPassword);
        // Workflow HTTP tests call a local receiver on 127.0.0.1; every other internal address stays refused.
        builder.UseSetting("Workflows:HttpAllowList", "127.0.0.1");
        // Keep the test log readable: warnings and errors only.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        ConfigureSettings(builder);
        builder.ConfigureTestServices(services =>
        {
            // Identity's default (100,000 PBKDF2 rounds) makes every sign-in cost tens of milliseconds of
            // CPU; hundreds of them on two cores dominate the run. The hashing code path stays the same.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            ConfigureTestServices(services);
        });
    }

    public async ValueTask InitializeAsync()
    {
        await PrepareAsync();
        if (Unavailable is not null) return;
        // Starts the host now, once, instead of inside whichever test comes first.
        StartServer();
        using var health = CreateClient();
        Root = health.BaseAddress!;
        (await health.GetAsync("/health/ready", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Unavailable is null) await base.DisposeAsync();
        try
        {
            await CleanUpAsync();
        }
        finally
        {
            try { if (Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true); }
            catch (IOException) { }
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A client without cookies or redirects, as an API caller would be.</summary>
    public HttpClient NewClient(string? township = null, string? token = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = township is null ? Root : new Uri(Root, $"{township}/"),
        });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>The county administrator's token, fetched once (sign-ins are rate limited per tenant).</summary>
    public async Task<string> AdminTokenAsync()
    {
        if (_adminToken is not null) return _adminToken;
        await _tokenLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_adminToken is null)
            {
                using var client = NewClient();
                _adminToken = await client.TokenAsync(AdminUserName, AdminPassword);
            }
            return _adminToken;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    /// <summary>A client signed in as the county administrator, at the host ("/").</summary>
    public async Task<HttpClient> AdminClientAsync() => NewClient(token: await AdminTokenAsync());

    /// <summary>A fresh township with its own administrator; every test makes its own.</summary>
    public async Task<TestTownship> CreateTownshipAsync(string? name = null, IReadOnlyList<string>? features = null)
    {
        name ??= Names.Township();
        var adminName = "admin-" + Names.Random(4);
        var password = "Pw-" + Names.Random(8) + "9";
        using var admin = await AdminClientAsync();
        using var response = await admin.PostJsonAsync("api/tenants", new
        {
            name,
            displayName = "测试镇" + name,
            adminUserName = adminName,
            adminPassword = password,
            features,
        });
        await response.ShouldBeAsync(System.Net.HttpStatusCode.Created);
        return new TestTownship(this, name, adminName, password);
    }
}
