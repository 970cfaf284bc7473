using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Data;

namespace Zhizhi.Orchard.Host.Data;

/// <summary>Creates host database contexts; the options are built once.</summary>
internal sealed class HostDb
{
    private readonly DbContextOptions<HostDbContext> _options;
    private readonly DatabaseProvider _provider;

    public HostDb(TownshipDatabase database)
    {
        var builder = new DbContextOptionsBuilder<HostDbContext>();
        database.ConfigureHost(builder);
        _options = builder.Options;
        _provider = database.Provider;
    }

    public HostDbContext Create() => _provider == DatabaseProvider.Sqlite
        ? new HostSqliteDbContext(_options)
        : new HostPostgresDbContext(_options);
}
