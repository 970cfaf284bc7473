using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Zhizhi.Orchard.Host.Data;

// Used only by `dotnet ef migrations add`; at run time the host builds the options from configuration.
internal sealed class HostSqliteDesignFactory : IDesignTimeDbContextFactory<HostSqliteDbContext>
{
    public HostSqliteDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<HostDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class HostPostgresDesignFactory : IDesignTimeDbContextFactory<HostPostgresDbContext>
{
    public HostPostgresDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<HostDbContext>().UseNpgsql("Host=localhost").Options);
}
