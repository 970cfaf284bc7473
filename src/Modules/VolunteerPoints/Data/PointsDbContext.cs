using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Exchange;
using Zhizhi.Orchard.VolunteerPoints.Ledger;
using Zhizhi.Orchard.VolunteerPoints.Rules;
using Zhizhi.Orchard.VolunteerPoints.Volunteers;

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
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<VolunteerProfile> Volunteers => Set<VolunteerProfile>();
    public DbSet<PointsRules> Rules => Set<PointsRules>();
    public DbSet<DailyPoints> Daily => Set<DailyPoints>();
    public DbSet<PointsHold> Holds => Set<PointsHold>();
    public DbSet<PointsGrant> Grants => Set<PointsGrant>();
    public DbSet<ExpiryRun> ExpiryRuns => Set<ExpiryRun>();
    public DbSet<ReceivedAward> ReceivedAwards => Set<ReceivedAward>();
    public DbSet<ItemTake> Takes => Set<ItemTake>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Activity>(b =>
        {
            b.ToTable("points_activities", t => t.HasCheckConstraint("CK_points_activities_signed_up", "\"SignedUp\" >= 0 AND \"SignedUp\" <= \"Capacity\""));
            b.HasKey(a => a.Id);
            b.Property(a => a.Title).HasMaxLength(100);
            b.Property(a => a.Location).HasMaxLength(100);
            b.Property(a => a.CreatedBy).HasMaxLength(UserNameLength);
            b.Property(a => a.Type).HasMaxLength(20);
            b.Property(a => a.CheckinCode).HasMaxLength(6);
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
            b.ToTable("points_accounts", t =>
            {
                t.HasCheckConstraint("CK_points_accounts_balance", "\"Balance\" >= 0");
                t.HasCheckConstraint("CK_points_accounts_held", "\"Held\" >= 0 AND \"Held\" <= \"Balance\"");
            });
            b.HasKey(a => a.UserName);
            b.Property(a => a.UserName).HasMaxLength(UserNameLength);
        });
        modelBuilder.Entity<LedgerEntry>(b =>
        {
            b.ToTable("points_ledger", t => t.HasCheckConstraint("CK_points_ledger_delta", "\"Delta\" <> 0 AND \"BalanceAfter\" >= 0"));
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
            b.Property(i => i.Picture).HasMaxLength(100);
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
        modelBuilder.Entity<ItemTake>(b =>
        {
            b.ToTable("points_item_takes", t => t.HasCheckConstraint("CK_points_item_takes_quantity", "\"Quantity\" >= 0"));
            b.HasKey(x => new { x.UserName, x.ItemId });
            b.Property(x => x.UserName).HasMaxLength(UserNameLength);
        });
        modelBuilder.Entity<Team>(b =>
        {
            b.ToTable("points_teams");
            b.HasKey(t => t.Id);
            b.Property(t => t.Name).HasMaxLength(50);
            b.Property(t => t.Leader).HasMaxLength(UserNameLength);
            b.Property(t => t.VillageName).HasMaxLength(100);
            b.HasIndex(t => t.Name).IsUnique();
        });
        modelBuilder.Entity<VolunteerProfile>(b =>
        {
            b.ToTable("points_volunteers");
            b.HasKey(v => v.UserName);
            b.Property(v => v.UserName).HasMaxLength(UserNameLength);
            b.Property(v => v.DisplayName).HasMaxLength(50);
            b.Property(v => v.Phone).HasMaxLength(20);
            b.Property(v => v.VillageName).HasMaxLength(100);
            b.Property(v => v.Skills).HasMaxLength(200);
            b.HasIndex(v => v.TeamId);
            b.HasIndex(v => v.VillageId);
        });
        modelBuilder.Entity<PointsRules>(b =>
        {
            b.ToTable("points_rules");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.PointsMode).HasMaxLength(20);
            b.Property(r => r.Expiry).HasMaxLength(20);
            b.Property(r => r.UpdatedBy).HasMaxLength(UserNameLength);
        });
        modelBuilder.Entity<DailyPoints>(b =>
        {
            b.ToTable("points_daily", t => t.HasCheckConstraint("CK_points_daily_points", "\"Points\" >= 0"));
            b.HasKey(d => new { d.UserName, d.Day });
            b.Property(d => d.UserName).HasMaxLength(UserNameLength);
            b.Property(d => d.Day).HasMaxLength(10);
        });
        modelBuilder.Entity<PointsHold>(b =>
        {
            b.ToTable("points_holds", t => t.HasCheckConstraint("CK_points_holds_points", "\"Points\" > 0"));
            b.HasKey(h => h.Id);
            b.Property(h => h.UserName).HasMaxLength(UserNameLength);
            b.HasIndex(h => new { h.UserName, h.ReleaseAt });
            b.HasIndex(h => h.ReleaseAt);
        });
        modelBuilder.Entity<PointsGrant>(b =>
        {
            b.ToTable("points_grants", t => t.HasCheckConstraint("CK_points_grants_points", "\"Points\" > 0"));
            b.HasKey(g => g.Id);
            b.Property(g => g.UserName).HasMaxLength(UserNameLength);
            b.Property(g => g.Reason).HasMaxLength(200);
            b.Property(g => g.Status).HasMaxLength(20);
            b.Property(g => g.RequestedBy).HasMaxLength(UserNameLength);
            b.Property(g => g.DecidedBy).HasMaxLength(UserNameLength);
            b.HasIndex(g => new { g.Status, g.Id });
        });
        modelBuilder.Entity<ExpiryRun>(b =>
        {
            b.ToTable("points_expiry_runs");
            b.HasKey(r => new { r.UserName, r.Year });
            b.Property(r => r.UserName).HasMaxLength(UserNameLength);
        });
        modelBuilder.Entity<ReceivedAward>(b =>
        {
            b.ToTable("points_received_awards");
            b.HasKey(r => r.Key);
            b.Property(r => r.Key).HasMaxLength(100);
            b.Property(r => r.UserName).HasMaxLength(UserNameLength);
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
