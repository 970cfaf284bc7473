using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Host.Data;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>The county platform is the tenant "default" at "/"; it is created on first start, never by the API.</summary>
internal sealed class HostTenant(TownshipCatalog catalog, FeatureCatalog features, TownshipDatabase database, TownshipMigrator migrator, TownshipActivator activator, IServiceScopeFactory scopes)
{
    public async Task EnsureAsync(string adminUserName, string adminPassword, bool adminCreated, CancellationToken ct)
    {
        var host = catalog.Find(Township.HostName);
        if (host is null)
        {
            host = new Township
            {
                Name = Township.HostName,
                DisplayName = "县级矛盾纠纷调处化解平台",
                State = TownshipState.Initializing,
                Features = features.Defaults(host: true),
                Theme = "Default",
                Settings = new TownshipSettings { Kind = "镇", Slogan = "小事不出村、大事不出镇、矛盾不上交" },
                CreatedAt = catalog.UtcNow,
            };
            await catalog.TryInsertAsync(host, ct);
            await database.ProvisionAsync(host, ct);
        }
        else
        {
            // Features added to the host by a newer version are switched on.
            var missing = features.Defaults(host: true).Except(host.Features).ToList();
            if (missing.Count > 0) host = await catalog.SaveAsync(host with { Features = host.Features.Union(missing).ToHashSet() }, ct);
        }

        await using (var scope = scopes.CreateTownshipScope(host))
        {
            await migrator.MigrateAsync(scope.ServiceProvider, host.Features, onlyIfPending: true, ct);
            if (adminCreated || host.State == TownshipState.Initializing)
                await scope.ServiceProvider.GetRequiredService<ITownshipAdminSetup>().CreateAdminAsync(host, adminUserName, adminPassword, scope.ServiceProvider, ct);
            if (host.State == TownshipState.Initializing)
                await TownshipManager.RunFeatureSetupsAsync(scope.ServiceProvider, host, host.Features, ct);
        }
        if (host.State != TownshipState.Running) host = await catalog.SaveAsync(host with { State = TownshipState.Running }, ct);
        activator.MarkActive(host);
    }
}
