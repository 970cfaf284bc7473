using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where a township's data lives. Implemented by the host from configuration and the catalog.</summary>
public interface ITownshipDatabase
{
    DatabaseProvider Provider { get; }

    /// <summary>Points <paramref name="builder"/> at the township's database, with the module's own migrations-history table.</summary>
    void Configure(DbContextOptionsBuilder builder, Township township, string migrationsHistoryTable);
}

/// <summary>Remembers which feature owns a module DbContext, so that enabling the feature migrates it.</summary>
public sealed record ModuleDbContextRegistration(Type ContextType, string FeatureId, string TablePrefix)
{
    public string MigrationsHistoryTable => $"__{TablePrefix}_migrations";
}

/// <summary>Lets the host find out which township a context instance belongs to (for the outbox signal).</summary>
public static class ModuleDbContextTownship
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, string> Owners = new();

    public static void Set(DbContext context, string township) => Owners.AddOrUpdate(context, township);

    public static string? Get(DbContext context) => Owners.TryGetValue(context, out var name) ? name : null;
}

public static class ModuleDbContextExtensions
{
    /// <summary>
    /// Registers a module's DbContext. EF migrations are provider specific, so a module keeps one model
    /// (<typeparamref name="TContext"/>) and two thin derived contexts that own the SQLite and the
    /// PostgreSQL migrations. Code asks for <typeparamref name="TContext"/>; the provider picks the class.
    /// </summary>
    public static FeatureBuilder AddModuleDbContext<TContext, TSqlite, TPostgres>(this FeatureBuilder feature, string tablePrefix)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        var registration = new ModuleDbContextRegistration(typeof(TContext), feature.Feature.Id, tablePrefix);
        feature.Services.AddSingleton(registration);
        var sqlite = ActivatorUtilities.CreateFactory(typeof(TSqlite), [typeof(DbContextOptions<TContext>)]);
        var postgres = ActivatorUtilities.CreateFactory(typeof(TPostgres), [typeof(DbContextOptions<TContext>)]);
        // Options depend only on the township record (immutable; a catalog change makes a new one), so they
        // are built once per township: building them per request cost EF a provider-cache lookup keyed by
        // hashing every options extension, on each of a request's contexts.
        var options = new System.Runtime.CompilerServices.ConditionalWeakTable<Township, DbContextOptions<TContext>>();
        feature.Services.AddScoped(sp =>
        {
            var township = sp.GetRequiredService<ITownshipAccessor>().Current;
            var database = sp.GetRequiredService<ITownshipDatabase>();
            var built = options.GetValue(township, t =>
            {
                var builder = new DbContextOptionsBuilder<TContext>();
                database.Configure(builder, t, registration.MigrationsHistoryTable);
                return builder.Options;
            });
            var factory = database.Provider == DatabaseProvider.Sqlite ? sqlite : postgres;
            var context = (TContext)factory(sp, [built]);
            ModuleDbContextTownship.Set(context, township.Name);
            return context;
        });
        return feature;
    }
}
