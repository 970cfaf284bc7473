using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Host.Data;
using Zhizhi.Orchard.Host.Demo;
using Zhizhi.Orchard.Host.Tenancy;

namespace Zhizhi.Orchard.Host.Operations;

/// <summary>
/// Runs before the server listens: host database, catalog, the county tenant, clean-up of interrupted
/// creations and, on an empty data folder, the demo county. Per-township work is left for first use.
/// </summary>
internal sealed partial class HostInitializer(
    ZhizhiOptions options,
    TownshipDatabase database,
    HostDb hostDb,
    TownshipCatalog catalog,
    TownshipManager manager,
    HostTenant hostTenant,
    DemoSeeder demo,
    IServer server,
    ILogger<HostInitializer> logger) : IHostedLifecycleService
{
    private readonly List<string> _notices = [];

    public async Task StartingAsync(CancellationToken ct)
    {
        await database.EnsureHostStorageAsync(ct);
        await using (var db = hostDb.Create()) await db.Database.MigrateAsync(ct);
        await catalog.LoadAsync(ct);
        await manager.CleanUpInterruptedAsync(ct);

        var firstRun = catalog.Find(Township.HostName) is null;
        var password = options.Admin.Password;
        if (string.IsNullOrEmpty(password) && firstRun)
        {
            password = "Zz" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "9";
            _notices.Add($"县级管理员(首次生成,仅显示一次):{options.Admin.UserName} / {password}");
        }
        else if (!string.IsNullOrEmpty(password))
        {
            _notices.Add($"县级管理员:{options.Admin.UserName} / (配置中的密码)");
        }
        await hostTenant.EnsureAsync(options.Admin.UserName, password ?? "", adminCreated: !string.IsNullOrEmpty(password), ct);

        if (options.Demo && catalog.All.All(t => t.IsHost))
            _notices.AddRange(await demo.SeedAsync(ct));
    }

    public Task StartedAsync(CancellationToken ct)
    {
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        var lines = new List<string> { "", "==== 智治·基层治理平台 已启动 ====", $"县级平台:{url}/  (后台 {url}/admin)" };
        foreach (var t in catalog.All.Where(t => !t.IsHost)) lines.Add($"乡镇:{t.DisplayName}  {url}/{t.Name}/");
        lines.AddRange(_notices.Select(n => n.Replace("{url}", url)));
        lines.Add("================================");
        LogBanner(logger, string.Join(Environment.NewLine, lines));
        _notices.Clear();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "{Banner}")]
    private static partial void LogBanner(ILogger logger, string banner);
}
