using Microsoft.AspNetCore.Authorization;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Navigation;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>The listed modules, their features and one startup instance per feature.</summary>
internal sealed class ModuleComposition
{
    private ModuleComposition(FeatureCatalog features, IReadOnlyList<(FeatureDescriptor Feature, FeatureStartup Startup)> startups)
    {
        Features = features;
        Startups = startups;
    }

    public FeatureCatalog Features { get; }
    public IReadOnlyList<(FeatureDescriptor Feature, FeatureStartup Startup)> Startups { get; }

    public static ModuleComposition Compose(IServiceCollection services, IConfiguration configuration, IEnumerable<IModuleManifest> manifests)
    {
        var catalog = new FeatureCatalog(manifests.Select(m => m.Module));
        var startups = new List<(FeatureDescriptor, FeatureStartup)>();
        foreach (var feature in catalog.All)
        {
            var startup = (FeatureStartup)Activator.CreateInstance(feature.Startup)!;
            startup.ConfigureServices(new FeatureBuilder(services, feature, configuration));
            startups.Add((feature, startup));
        }
        var composition = new ModuleComposition(catalog, startups);
        services.AddSingleton(composition);
        services.AddSingleton(catalog);
        services.AddSingleton<IFeatureNames>(catalog);
        services.AddSingleton<IPermissionCatalog>(new PermissionCatalog(startups));
        services.AddSingleton(new AdminMenuItems(startups));
        services.AddScoped<IAdminMenu, AdminMenu>();
        services.AddSingleton<ISiteMenu>(new SiteMenu(startups));
        return composition;
    }
}

internal sealed class PermissionCatalog : IPermissionCatalog
{
    private readonly Dictionary<string, (Permission, string)> _byName;

    public PermissionCatalog(IEnumerable<(FeatureDescriptor Feature, FeatureStartup Startup)> startups)
    {
        All = [.. startups.SelectMany(s => s.Startup.Permissions.Select(p => (p, s.Feature.Id)))];
        _byName = All.ToDictionary(p => p.Permission.Name, p => (p.Permission, p.FeatureId), StringComparer.Ordinal);
    }

    public IReadOnlyList<(Permission Permission, string FeatureId)> All { get; }

    public Permission? Find(string name) => _byName.TryGetValue(name, out var p) ? p.Item1 : null;
}

/// <summary>Builds the back-office menu from every enabled feature, keeping only what the user may open.</summary>
internal sealed class AdminMenu(AdminMenuItems items, ITownshipAccessor townships, IAuthorizationService authorization) : IAdminMenu
{
    public async Task<IReadOnlyList<AdminMenuItem>> ForCurrentUserAsync(HttpContext context)
    {
        var township = townships.Current;
        var visible = new List<AdminMenuItem>();
        foreach (var item in items.All.Where(i => township.IsEnabled(i.FeatureId)))
        {
            if (item.Permission is null || (await authorization.AuthorizeAsync(context.User, item.Permission.Name)).Succeeded)
                visible.Add(item);
        }
        return visible;
    }
}

/// <summary>Every feature's back-office menu items, gathered once for the process.</summary>
internal sealed class AdminMenuItems(IEnumerable<(FeatureDescriptor Feature, FeatureStartup Startup)> startups)
{
    public IReadOnlyList<AdminMenuItem> All { get; } = [.. startups.SelectMany(s =>
    {
        var builder = new AdminMenuBuilder(s.Feature.Id);
        s.Startup.BuildAdminMenu(builder);
        return builder.Items;
    }).OrderBy(i => i.Order)];
}

/// <summary>Every feature's public links, gathered once; each township sees those of its enabled features.</summary>
internal sealed class SiteMenu(IEnumerable<(FeatureDescriptor Feature, FeatureStartup Startup)> startups) : ISiteMenu
{
    private readonly SiteMenuItem[] _all = [.. startups.SelectMany(s =>
    {
        var builder = new SiteMenuBuilder(s.Feature.Id);
        s.Startup.BuildSiteMenu(builder);
        return builder.Items;
    }).OrderBy(i => i.Order)];

    public IReadOnlyList<SiteMenuItem> For(Township township) => [.. _all.Where(i => township.IsEnabled(i.FeatureId))];
}
