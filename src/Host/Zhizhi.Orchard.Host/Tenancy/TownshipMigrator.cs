using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Data;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>Applies the migrations of a township's enabled features, each module with its own history table.</summary>
internal sealed class TownshipMigrator(IEnumerable<ModuleDbContextRegistration> registrations, FeatureCatalog features)
{
    private readonly ModuleDbContextRegistration[] _registrations = [.. registrations];

    public async Task MigrateAsync(IServiceProvider townshipScope, IEnumerable<string> featureIds, bool onlyIfPending, CancellationToken ct)
    {
        foreach (var feature in features.InDependencyOrder(featureIds))
        {
            foreach (var registration in _registrations.Where(r => r.FeatureId == feature.Id))
            {
                var db = (DbContext)townshipScope.GetRequiredService(registration.ContextType);
                if (onlyIfPending && !(await db.Database.GetPendingMigrationsAsync(ct)).Any()) continue;
                await db.Database.MigrateAsync(ct);
            }
        }
    }
}

/// <summary>
/// Townships are activated lazily: the first request after a start (or after a catalog change) checks
/// that the enabled features' migrations are applied. Nothing per township happens at host start.
/// </summary>
internal sealed class TownshipActivator(IServiceScopeFactory scopes, TownshipMigrator migrator, Data.TownshipDatabase database, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Activation> _active = new(StringComparer.Ordinal);

    private sealed record Activation(long Version, Lazy<Task> Task)
    {
        public long LastUsedTicks;
    }

    public int ActiveCount => _active.Count;

    public IEnumerable<string> ActiveTownships => _active.Keys;

    public Task EnsureActiveAsync(Township township)
    {
        var activation = _active.AddOrUpdate(
            township.Name,
            _ => New(township),
            (_, existing) => existing.Version == township.Version && !existing.Task.Value.IsFaulted ? existing : New(township));
        activation.LastUsedTicks = clock.GetTimestamp();
        return activation.Task.Value;
    }

    /// <summary>Marks a township as active without checking (it was just created or migrated).</summary>
    public void MarkActive(Township township)
        => _active[township.Name] = new Activation(township.Version, new Lazy<Task>(Task.CompletedTask)) { LastUsedTicks = clock.GetTimestamp() };

    public void Forget(string township) => _active.TryRemove(township, out _);

    public bool IsActive(string township) => _active.ContainsKey(township);

    /// <summary>Forgets townships idle longer than <paramref name="idle"/> and closes their connections.</summary>
    public int EvictIdle(TimeSpan idle, Func<string, Township?> find)
    {
        var evicted = 0;
        foreach (var (name, activation) in _active)
        {
            if (clock.GetElapsedTime(activation.LastUsedTicks) <= idle || !_active.TryRemove(name, out _)) continue;
            if (find(name) is { } township) database.Release(township);
            evicted++;
        }
        return evicted;
    }

    private Activation New(Township township) => new(township.Version, new Lazy<Task>(() => ActivateAsync(township)));

    private async Task ActivateAsync(Township township)
    {
        await using var scope = scopes.CreateTownshipScope(township);
        await migrator.MigrateAsync(scope.ServiceProvider, township.Features, onlyIfPending: true, CancellationToken.None);
    }
}
