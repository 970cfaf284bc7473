using Zhizhi.Orchard.Host.Data;
using Zhizhi.Orchard.Host.Recipes;
using Zhizhi.Orchard.Host.Theming;
using Zhizhi.Orchard.Recipes;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>
/// Creates townships all-or-nothing and switches their features, theme and state. Every change is
/// written to the catalog first and takes effect for the next request, without a restart.
/// </summary>
internal sealed partial class TownshipManager(
    TownshipCatalog catalog,
    FeatureCatalog features,
    RecipeCatalog recipes,
    RecipeRunner recipeRunner,
    ThemeCatalog themes,
    TownshipDatabase database,
    TownshipMigrator migrator,
    TownshipActivator activator,
    IServiceScopeFactory scopes,
    ILogger<TownshipManager> logger) : ITownshipManager
{
    public IReadOnlyList<Township> List() => catalog.All;

    public IReadOnlyList<RecipeInfo> Recipes => [.. recipes.All.Select(r => new RecipeInfo(r.Name, r.DisplayName, r.Description))];

    public IReadOnlyList<Zhizhi.Orchard.Theming.ThemeDescriptor> PublicThemes => [.. themes.Public];

    public Township? Find(string name) => catalog.Find(name);

    public async Task<TownshipResult> CreateAsync(CreateTownshipRequest request, CancellationToken ct = default)
    {
        var (draft, recipe, failure) = await ValidateAsync(request);
        if (failure is not null) return failure;

        using var _ = Serilog.Context.LogContext.PushProperty("Township", request.Name);
        if (!await catalog.TryInsertAsync(draft!, ct))
            return TownshipResult.Fail(409, $"乡镇标识“{request.Name}”已被使用", new Dictionary<string, string[]> { ["name"] = ["该标识已被使用"] });

        try
        {
            await database.ProvisionAsync(draft!, ct);
            await using (var scope = scopes.CreateTownshipScope(draft!))
            {
                var sp = scope.ServiceProvider;
                await migrator.MigrateAsync(sp, draft!.Features, onlyIfPending: false, ct);
                await sp.GetRequiredService<ITownshipAdminSetup>().CreateAdminAsync(draft, request.AdminUserName, request.AdminPassword, sp, ct);
                await RunFeatureSetupsAsync(sp, draft, draft.Features, ct);
                await recipeRunner.RunAsync(recipe!, draft, sp, ct);
            }
            var running = await catalog.SaveAsync(draft! with { State = TownshipState.Running }, ct);
            activator.MarkActive(running);
            LogCreated(logger, running.Name, recipe!.Name);
            return TownshipResult.Ok(running);
        }
        catch (Exception ex)
        {
            LogCreateFailed(logger, ex, request.Name);
            await UndoAsync(draft!);
            // The reason stays in the log (with the township name); the client learns that nothing was left behind.
            return TownshipResult.Fail(500, $"创建乡镇“{request.Name}”时出错,已全部撤销,可稍后重试;详细原因已记入服务器日志");
        }
    }

    private async Task UndoAsync(Township draft)
    {
        try
        {
            await database.DropAsync(draft, CancellationToken.None);
        }
        finally
        {
            await catalog.DeleteAsync(draft.Name, CancellationToken.None);
            activator.Forget(draft.Name);
        }
    }

    /// <summary>
    /// At start-up: a township left Initializing by a crash is undone, never half-used. With SQLite only
    /// this process can have been creating it; on a shared PostgreSQL another node may still be busy, so
    /// only creations older than any real one (10 minutes) are taken as abandoned.
    /// </summary>
    public async Task CleanUpInterruptedAsync(CancellationToken ct)
    {
        var abandonedBefore = catalog.UtcNow - (database.Provider == Zhizhi.Orchard.Data.DatabaseProvider.Sqlite ? TimeSpan.Zero : TimeSpan.FromMinutes(10));
        foreach (var township in catalog.All.Where(t => t.State == TownshipState.Initializing && t.CreatedAt.UtcDateTime <= abandonedBefore))
        {
            LogInterrupted(logger, township.Name);
            await UndoAsync(township);
        }
    }

    public async Task<TownshipResult> ChangeFeaturesAsync(string name, IReadOnlyList<string> enable, IReadOnlyList<string> disable, CancellationToken ct = default)
    {
        if (catalog.Find(name) is not { State: not TownshipState.Initializing } township)
            return TownshipResult.Fail(404, $"乡镇“{name}”不存在");
        var (set, errors) = features.Change(township.Features, enable, disable, township.IsHost);
        if (set is null)
            return TownshipResult.Fail(400, string.Join(";", errors), new Dictionary<string, string[]> { ["features"] = [.. errors] });

        var added = set.Except(township.Features).ToList();
        if (added.Count > 0)
        {
            var preview = township with { Features = set };
            await using var scope = scopes.CreateTownshipScope(preview);
            await migrator.MigrateAsync(scope.ServiceProvider, added, onlyIfPending: true, ct);
            await RunFeatureSetupsAsync(scope.ServiceProvider, preview, added, ct);
        }
        var saved = await catalog.SaveAsync(township with { Features = set }, ct);
        LogFeatures(logger, name, string.Join(",", added), string.Join(",", township.Features.Except(set)));
        return TownshipResult.Ok(saved);
    }

    public async Task<TownshipResult> SetStateAsync(string name, bool enabled, CancellationToken ct = default)
    {
        if (catalog.Find(name) is not { State: not TownshipState.Initializing } township)
            return TownshipResult.Fail(404, $"乡镇“{name}”不存在");
        if (township.IsHost) return TownshipResult.Fail(400, "县级平台不能停用");
        var saved = await catalog.SaveAsync(township with { State = enabled ? TownshipState.Running : TownshipState.Disabled }, ct);
        return TownshipResult.Ok(saved);
    }

    public async Task<TownshipResult> UpdateAsync(string name, string? displayName, string? theme, TownshipSettings? settings, IReadOnlyList<string>? hostNames, CancellationToken ct = default)
    {
        if (catalog.Find(name) is not { State: not TownshipState.Initializing } township)
            return TownshipResult.Fail(404, $"乡镇“{name}”不存在");
        var errors = new Dictionary<string, string[]>();
        if (displayName is not null && (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 100))
            errors["displayName"] = ["乡镇名称不能为空,且不超过 100 个字符"];
        if (theme is not null && themes.Find(theme) is not { IsAdmin: false })
            errors["theme"] = [$"未知的主题“{theme}”,可选:{string.Join("、", themes.Public.Select(t => t.Id))}"];
        var normalizedHosts = hostNames?.Select(NormalizeHostName).ToArray();
        if (normalizedHosts is not null)
        {
            var hostErrors = normalizedHosts.Select(TownshipNames.CheckHostName).OfType<string>().ToList();
            hostErrors.AddRange(normalizedHosts.Where(h => catalog.FindByHostName(h) is { } other && other.Name != name).Select(h => $"域名“{h}”已被其他乡镇使用"));
            if (hostErrors.Count > 0) errors["hostNames"] = [.. hostErrors];
        }
        if (settings is not null && SettingsErrors(settings) is { Count: > 0 } settingErrors)
            foreach (var (k, v) in settingErrors) errors[k] = v;
        if (errors.Count > 0) return TownshipResult.Fail(400, string.Join(";", errors.SelectMany(e => e.Value)), errors);

        var saved = await catalog.SaveAsync(township with
        {
            DisplayName = displayName?.Trim() ?? township.DisplayName,
            Theme = theme ?? township.Theme,
            Settings = settings ?? township.Settings,
            HostNames = normalizedHosts ?? township.HostNames,
        }, ct);
        return TownshipResult.Ok(saved);
    }

    internal static async Task RunFeatureSetupsAsync(IServiceProvider scope, Township township, IEnumerable<string> featureIds, CancellationToken ct)
    {
        var wanted = featureIds.ToHashSet(StringComparer.Ordinal);
        foreach (var handler in scope.GetServices<IFeaturesEnabledHandler>())
            await handler.OnFeaturesEnabledAsync(township, wanted, scope, ct);
        foreach (var setup in scope.GetServices<IFeatureSetup>().Where(s => wanted.Contains(s.FeatureId)))
            await setup.OnEnabledAsync(township, scope, ct);
    }

    [LoggerMessage(LogLevel.Information, "Township {Name} created from recipe {Recipe}")]
    private static partial void LogCreated(ILogger logger, string name, string recipe);

    [LoggerMessage(LogLevel.Error, "Creating township {Name} failed; everything was undone")]
    private static partial void LogCreateFailed(ILogger logger, Exception ex, string name);

    [LoggerMessage(LogLevel.Warning, "Township {Name} was left initializing by an interrupted start; undoing it")]
    private static partial void LogInterrupted(ILogger logger, string name);

    [LoggerMessage(LogLevel.Information, "Township {Name} features changed: +[{Added}] -[{Removed}]")]
    private static partial void LogFeatures(ILogger logger, string name, string added, string removed);
}
