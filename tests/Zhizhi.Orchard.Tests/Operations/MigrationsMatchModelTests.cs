using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.DisputeRouting.County;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Host.Data;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Townships.Data;
using Zhizhi.Orchard.Users.Data;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Tests.Operations;

/// <summary>
/// Every context's model equals its provider's last migration snapshot: a model change without a generated migration
/// (or with one for a single provider) would create a schema at install that the code does not expect.
/// </summary>
public abstract class MigrationsMatchModelTests(ZhizhiHost fixture)
{
    protected ZhizhiHost Host => fixture.EnsureAvailable();

    [Fact]
    public async Task NoContextHasModelChangesWithoutAMigration()
    {
        var township = await Host.CreateTownshipAsync();
        var t = Host.Services.GetRequiredService<ITownshipManager>().Find(township.Name)!;
        await using var scope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(t);
        var pending = new List<string>();
        foreach (var type in new[] { typeof(PortalDbContext), typeof(UsersDbContext), typeof(LegalDbContext), typeof(WorkflowsDbContext),
                     typeof(MediationDbContext), typeof(PointsDbContext), typeof(DisputesDbContext) })
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(type);
            if (db.Database.HasPendingModelChanges()) pending.Add(db.GetType().Name);
        }
        // The host's own tables, and the county's (a host-only feature, in the host's scope).
        await using (var hostDb = Host.Services.GetRequiredService<HostDb>().Create())
            if (hostDb.Database.HasPendingModelChanges()) pending.Add(hostDb.GetType().Name);
        await using (var countyScope = Host.Services.GetRequiredService<ITownshipScopeFactory>().CreateScope(
                         Host.Services.GetRequiredService<ITownshipManager>().Find(Township.HostName)!))
        {
            var county = countyScope.ServiceProvider.GetRequiredService<CountyDbContext>();
            if (county.Database.HasPendingModelChanges()) pending.Add(county.GetType().Name);
        }

        Assert.Empty(pending);
    }
}

public sealed class MigrationsMatchModelTests_Sqlite(SqliteHost host) : MigrationsMatchModelTests(host);

public sealed class MigrationsMatchModelTests_Postgres(PostgresHost host) : MigrationsMatchModelTests(host);
