using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Zhizhi.Orchard.Host.Data;

/// <summary>
/// The host database: the township catalog and the data-protection keys (so cookies and tokens survive
/// a restart and are shared by every host process). Module data never lives here.
/// </summary>
public abstract class HostDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<TownshipRecord> Townships => Set<TownshipRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TownshipRecord>(b =>
        {
            b.ToTable("host_townships");
            b.HasKey(t => t.Name);
            b.Property(t => t.Name).HasMaxLength(40);
            b.Property(t => t.DisplayName).HasMaxLength(100);
            b.Property(t => t.State).HasMaxLength(20);
            b.Property(t => t.Theme).HasMaxLength(40);
            b.Property(t => t.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<DataProtectionKey>().ToTable("host_data_protection_keys");
    }
}

public sealed class HostSqliteDbContext(DbContextOptions<HostDbContext> options) : HostDbContext(options);

public sealed class HostPostgresDbContext(DbContextOptions<HostDbContext> options) : HostDbContext(options);

/// <summary>One row of the catalog. Lists and settings are JSON text so the catalog stays one table.</summary>
public sealed class TownshipRecord
{
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public required string State { get; set; }
    public string Features { get; set; } = "[]";
    public string Theme { get; set; } = "Default";
    public string HostNames { get; set; } = "[]";
    public string Settings { get; set; } = "{}";
    public string? ConnectionString { get; set; }
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
}
