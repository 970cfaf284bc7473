using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Exchange;
using Zhizhi.Orchard.VolunteerPoints.Ledger;

namespace Zhizhi.Orchard.VolunteerPoints.Data;

/// <summary>The volunteer, ledger and exchange tables, prefixed "points_".</summary>
public abstract class PointsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Prefix = "points";
    public const int UserNameLength = 100;

    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Signup> Signups => Set<Signup>();
    public DbSet<Checkin> Checkins => Set<Checkin>();
    public DbSet<PointsAccount> Accounts => Set<PointsAccount>();
    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();
    public DbSet<ExchangeItem> Items => Set<ExchangeItem>();
    public DbSet<Redemption> Redemptions => Set<Redemption>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Activity>(b =>
        {
            b.ToTable("points_activities", t => t.HasCheckConstraint("CK_points_activities_signed_up", "\"SignedUp\" >= 0 AND \"SignedUp\" <= \"Capacity\""));
            b.HasKey(a => a.Id);
            b.Property(a => a.Title).HasMaxLength(100);
            b.Property(a => a.Location).HasMaxLength(100);
            b.Property(a => a.CreatedBy).HasMaxLength(UserNameLength);
            b.Ignore(a => a.Hours);
            b.HasIndex(a => a.StartAt);
        });
        modelBuilder.Entity<Signup>(b =>
        {
            b.ToTable("points_signups");
            b.HasKey(s => s.Id);
            b.Property(s => s.UserName).HasMaxLength(UserNameLength);
            b.HasIndex(s => new { s.ActivityId, s.UserName }).IsUnique();
        });
        modelBuilder.Entity<Checkin>(b =>
        {
            b.ToTable("points_checkins");
            b.HasKey(c => c.Id);
            b.Property(c => c.UserName).HasMaxLength(UserNameLength);
            b.Property(c => c.CheckedInBy).HasMaxLength(UserNameLength);
            b.HasIndex(c => new { c.ActivityId, c.UserName }).IsUnique();
            b.HasIndex(c => c.UserName);
        });
        modelBuilder.Entity<PointsAccount>(b =>
        {
            b.ToTable("points_accounts", t => t.HasCheckConstraint("CK_points_accounts_balance", "\"Balance\" >= 0"));
            b.HasKey(a => a.UserName);
            b.Property(a => a.UserName).HasMaxLength(UserNameLength);
        });
        modelBuilder.Entity<LedgerEntry>(b =>
        {
            b.ToTable("points_ledger");
            b.HasKey(e => e.Id);
            b.Property(e => e.UserName).HasMaxLength(UserNameLength);
            b.Property(e => e.Source).HasMaxLength(20);
            b.Property(e => e.Reason).HasMaxLength(200);
            b.Property(e => e.Reference).HasMaxLength(50);
            b.Property(e => e.By).HasMaxLength(UserNameLength);
            b.HasIndex(e => new { e.UserName, e.Id });
        });
        modelBuilder.Entity<ExchangeItem>(b =>
        {
            b.ToTable("points_items", t => t.HasCheckConstraint("CK_points_items_stock", "\"Stock\" >= 0"));
            b.HasKey(i => i.Id);
            b.Property(i => i.Name).HasMaxLength(100);
            b.HasIndex(i => i.Name).IsUnique();
        });
        modelBuilder.Entity<Redemption>(b =>
        {
            b.ToTable("points_redemptions");
            b.HasKey(r => r.Id);
            b.Property(r => r.Code).HasMaxLength(16);
            b.Property(r => r.UserName).HasMaxLength(UserNameLength);
            b.Property(r => r.ItemName).HasMaxLength(100);
            b.Property(r => r.Status).HasMaxLength(20);
            b.Property(r => r.SettledBy).HasMaxLength(UserNameLength);
            b.HasIndex(r => r.Code).IsUnique();
            b.HasIndex(r => new { r.UserName, r.Id });
        });
        modelBuilder.AddOutbox(Prefix);
    }
}

public sealed class PointsSqliteDbContext(DbContextOptions<PointsDbContext> options) : PointsDbContext(options);

public sealed class PointsPostgresDbContext(DbContextOptions<PointsDbContext> options) : PointsDbContext(options);

internal sealed class PointsSqliteDesignFactory : IDesignTimeDbContextFactory<PointsSqliteDbContext>
{
    public PointsSqliteDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PointsDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PointsPostgresDesignFactory : IDesignTimeDbContextFactory<PointsPostgresDbContext>
{
    public PointsPostgresDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PointsDbContext>().UseNpgsql("Host=localhost").Options);
}
