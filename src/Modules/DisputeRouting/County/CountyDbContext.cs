using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhizhi.Orchard.Events;

namespace Zhizhi.Orchard.DisputeRouting.County;

/// <summary>The county inbox tables, prefixed "county_", in the host's (county's) database only.</summary>
public abstract class CountyDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Prefix = "county";
    public const int TextLength = 1000;

    public DbSet<CountyReferral> Referrals => Set<CountyReferral>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CountyReferral>(b =>
        {
            b.ToTable("county_referrals", t => t.HasCheckConstraint("CK_county_referrals_status", "\"Status\" IN ('pending', 'handling', 'done')"));
            b.HasKey(r => r.Id);
            b.Property(r => r.Township).HasMaxLength(100);
            b.Property(r => r.TownshipName).HasMaxLength(100);
            b.Property(r => r.CaseNo).HasMaxLength(40);
            b.Property(r => r.Title).HasMaxLength(100);
            b.Property(r => r.Description).HasMaxLength(4000);
            b.Property(r => r.Category).HasMaxLength(50);
            b.Property(r => r.Village).HasMaxLength(100);
            b.Property(r => r.Grade).HasMaxLength(10);
            b.Property(r => r.Leader).HasMaxLength(50);
            b.Property(r => r.EscalationReason).HasMaxLength(2100);
            b.Property(r => r.Status).HasMaxLength(20);
            b.Property(r => r.AcceptedBy).HasMaxLength(100);
            b.Property(r => r.Outcome).HasMaxLength(20);
            b.Property(r => r.OutcomeText).HasMaxLength(TextLength);
            b.Property(r => r.OutcomeBy).HasMaxLength(100);
            b.Property(r => r.Version).IsConcurrencyToken();
            // One referral per township case: a redelivered outbox message finds the row and adds nothing.
            b.HasIndex(r => new { r.Township, r.CaseId }).IsUnique();
            b.HasIndex(r => new { r.Status, r.DeadlineAt });
            b.HasIndex(r => new { r.Township, r.ReceivedAt });
        });
        modelBuilder.AddOutbox(Prefix);
    }
}

public sealed class CountySqliteDbContext(DbContextOptions<CountyDbContext> options) : CountyDbContext(options);

public sealed class CountyPostgresDbContext(DbContextOptions<CountyDbContext> options) : CountyDbContext(options);

internal sealed class CountySqliteDesignFactory : IDesignTimeDbContextFactory<CountySqliteDbContext>
{
    public CountySqliteDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<CountyDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class CountyPostgresDesignFactory : IDesignTimeDbContextFactory<CountyPostgresDbContext>
{
    public CountyPostgresDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<CountyDbContext>().UseNpgsql("Host=localhost").Options);
}
