using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Zhizhi.Orchard.EndToEnd.Infrastructure;

/// <summary>
/// The real host on a real port (Kestrel, demo data on a fresh temporary data folder) and one headless
/// Chromium, shared by every test of the assembly. Tests never share a browser context.
/// </summary>
public sealed class BrowserHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string CountyAdmin = "county-admin";
    public const string CountyPassword = "County-Pass-2026";
    /// <summary>Password of every demo account, and of the demo townships' "admin".</summary>
    public const string DemoPassword = "Zhizhi@2026";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserHost()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "zhizhi-e2e", Names.Random(10));
        UseKestrel(0);
    }

    public string DataPath { get; }

    /// <summary>Where the host listens, with a trailing slash, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Null when the browser runs; otherwise why the browser tests cannot run here.</summary>
    public string? Unavailable { get; private set; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Unavailable ?? "浏览器尚未启动");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Zhizhi:DataPath", DataPath);
        builder.UseSetting("Zhizhi:Demo", "true");
        builder.UseSetting("Zhizhi:Database:Provider", "Sqlite");
        builder.UseSetting("Zhizhi:Admin:UserName", CountyAdmin);
        builder.UseSetting("Zhizhi:Admin:Password", CountyPassword);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
    }

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("ZHIZHI_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Unavailable = $"找不到 Chromium({chromium}):请安装 chromium(apt-get install chromium fonts-wqy-microhei)或设置 ZHIZHI_CHROMIUM。不要运行 playwright install。";
            return;
        }

        Screenshots.ClearFailures();
        // The demo townships are created while the host starts (before it listens).
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("//[::]", "//127.0.0.1").Replace("//0.0.0.0", "//127.0.0.1").TrimEnd('/') + "/");

        _playwright = await Playwright.CreateAsync();
        try
        {
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        catch (PlaywrightException e)
        {
            Unavailable = $"Chromium({chromium})无法启动:{e.Message}";
        }
        // Pages and the server answer within milliseconds; the slow parts (creating a township) get 15 s.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>Skips the calling test when there is no browser here; fails it instead on CI.</summary>
    public void EnsureAvailable()
    {
        if (Unavailable is null) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail(Unavailable);
        Assert.Skip(Unavailable);
    }

    private readonly Dictionary<string, Task<string>> _sessions = [];
    private readonly Lock _sessionsLock = new();

    /// <summary>
    /// The cookies of one signed-in account (Playwright storage state), made once through the login form
    /// and reused: sign-in pages are rate limited per township, and a form sign-in takes time.
    /// </summary>
    public Task<string> SessionAsync(string prefix, string userName, string password)
    {
        lock (_sessionsLock)
        {
            var key = prefix + "|" + userName;
            if (!_sessions.TryGetValue(key, out var session) || session.IsFaulted || session.IsCanceled)
                _sessions[key] = session = SignInOnceAsync(prefix, userName, password);
            return session;
        }
    }

    private async Task<string> SignInOnceAsync(string prefix, string userName, string password)
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserTest.SignInAsync(page, prefix, userName, password);
        return await context.StorageStateAsync();
    }

    /// <summary>A fresh browser context (own cookies) that resolves relative URLs against the host.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        EnsureAvailable();
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        options.Locale ??= "zh-CN";
        options.TimezoneId ??= "Asia/Shanghai";
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 800 };
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        try { if (Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
