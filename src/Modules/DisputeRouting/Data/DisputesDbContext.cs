using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Categories;
using Zhizhi.Orchard.DisputeRouting.Obligations;
using Zhizhi.Orchard.DisputeRouting.Settings;
using Zhizhi.Orchard.Events;

namespace Zhizhi.Orchard.DisputeRouting.Data;

/// <summary>The dispute tables, prefixed "disputes_".</summary>
public abstract class DisputesDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Prefix = "disputes";
    public const int NameLength = 100;
    public const int TitleLength = 100;
    public const int DescriptionLength = 4000;
    public const int NoteLength = 1000;

    public DbSet<DisputeCase> Cases => Set<DisputeCase>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<DisputeSetting> Settings => Set<DisputeSetting>();
    public DbSet<CaseCounter> Counters => Set<CaseCounter>();
    public DbSet<AppliedEvent> AppliedEvents => Set<AppliedEvent>();
    public DbSet<Organisation.AssignmentRule> AssignmentRules => Set<Organisation.AssignmentRule>();
    public DbSet<Obligation> Obligations => Set<Obligation>();
    public DbSet<DisputeNotification> Notifications => Set<DisputeNotification>();
    public DbSet<Zhizhi.Orchard.Notifications.NotificationRead> NotificationReads => Set<Zhizhi.Orchard.Notifications.NotificationRead>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DisputeCase>(b =>
        {
            b.ToTable("disputes_cases", t => t.HasCheckConstraint("CK_disputes_cases_satisfaction", "\"Satisfaction\" IS NULL OR (\"Satisfaction\" >= 1 AND \"Satisfaction\" <= 5)"));
            b.HasKey(c => c.Id);
            b.Property(c => c.CaseNo).HasMaxLength(40);
            b.Property(c => c.Title).HasMaxLength(TitleLength);
            b.Property(c => c.Description).HasMaxLength(DescriptionLength);
            b.Property(c => c.Category).HasMaxLength(50);
            b.Property(c => c.Village).HasMaxLength(NameLength);
            b.Property(c => c.Source).HasMaxLength(20);
            b.Property(c => c.Status).HasMaxLength(20);
            b.Property(c => c.Level).HasMaxLength(20);
            b.Property(c => c.ResolvedLevel).HasMaxLength(20);
            b.Property(c => c.Assignee).HasMaxLength(NameLength);
            b.Property(c => c.PauseReason).HasMaxLength(200);
            b.Property(c => c.ReporterId).HasMaxLength(NameLength);
            b.Property(c => c.ReporterName).HasMaxLength(NameLength);
            b.Property(c => c.AgreementTerms).HasMaxLength(DescriptionLength);
            b.Property(c => c.WorkflowId).HasMaxLength(100);
            b.Property(c => c.Grade).HasMaxLength(10).HasDefaultValue(CaseGrades.Blue);
            b.Property(c => c.Leader).HasMaxLength(CaseGrades.LeaderLength);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.Property(c => c.CountyStatus).HasMaxLength(20);
            b.Property(c => c.CountyOutcome).HasMaxLength(20);
            b.Property(c => c.CountyOutcomeText).HasMaxLength(County.CountyDbContext.TextLength);
            b.Property(c => c.CountyOutcomeBy).HasMaxLength(NameLength);
            b.Ignore(c => c.IsOpen);
            b.HasIndex(c => c.CaseNo).IsUnique();
            b.HasIndex(c => new { c.Year, c.Seq }).IsUnique();
            b.HasIndex(c => c.BookingId).IsUnique();
            // Overdue lists and counts: status and deadline, with the paused mark and the report time covered (no row reads).
            b.HasIndex(c => new { c.Status, c.DeadlineAt, c.PausedAt, c.ReportedAt }, "IX_disputes_cases_Status_DeadlineAt");
            b.HasIndex(c => c.ReportedAt);
            b.HasIndex(c => new { c.Village, c.ReportedAt });
            b.HasIndex(c => new { c.Category, c.ReportedAt });
            b.HasIndex(c => c.ReporterId);
            b.HasMany(c => c.Parties).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Party>(b =>
        {
            b.ToTable("disputes_parties");
            b.HasKey(p => p.Id);
            b.Property(p => p.Name).HasMaxLength(NameLength);
            b.Property(p => p.Phone).HasMaxLength(30);
            b.Property(p => p.Role).HasMaxLength(50);
        });
        modelBuilder.Entity<TimelineEntry>(b =>
        {
            b.ToTable("disputes_timeline");
            b.HasKey(e => e.Id);
            b.Property(e => e.Kind).HasMaxLength(30);
            b.Property(e => e.Level).HasMaxLength(20);
            b.Property(e => e.Actor).HasMaxLength(NameLength);
            b.Property(e => e.Note).HasMaxLength(NoteLength);
            b.Property(e => e.PrevHash).HasMaxLength(64);
            b.Property(e => e.Hash).HasMaxLength(64);
            // One entry per position: two writers appending at once cannot both extend the chain from the same link.
            b.HasIndex(e => new { e.CaseId, e.Seq }).IsUnique();
        });
        modelBuilder.Entity<Category>(b =>
        {
            b.ToTable("disputes_categories");
            b.HasKey(c => c.Id);
            b.Property(c => c.Name).HasMaxLength(50);
            b.HasIndex(c => c.Name).IsUnique();
        });
        modelBuilder.Entity<DisputeSetting>(b =>
        {
            b.ToTable("disputes_settings");
            b.HasKey(s => s.Key);
            b.Property(s => s.Key).HasMaxLength(50);
            b.Property(s => s.Value).HasMaxLength(200);
        });
        modelBuilder.Entity<CaseCounter>(b =>
        {
            b.ToTable("disputes_counters");
            b.HasKey(c => c.Year);
            b.Property(c => c.Year).ValueGeneratedNever();
        });
        modelBuilder.Entity<AppliedEvent>(b =>
        {
            b.ToTable("disputes_applied_events");
            b.HasKey(e => e.MessageId);
        });
        Organisation.AssignmentModel.Configure(modelBuilder);
        modelBuilder.AddOutbox(Prefix);
        Zhizhi.Orchard.Notifications.NotificationReadExtensions.AddNotificationReads(modelBuilder, Prefix);
        ObligationModel.Configure(modelBuilder);
        // The ledger's grade filter (红/黄/蓝) with its period, as the list and the export query it.
        modelBuilder.Entity<DisputeCase>().HasIndex(c => new { c.Grade, c.ReportedAt });
        // The dashboard's counts over a period (total, settled per level, overdue, closed, days to close, scores) read
        // only these columns: covering them lets one pass over 100,000 cases skip the wide rows (descriptions).
        modelBuilder.Entity<DisputeCase>().HasIndex(c => new
        {
            c.ReportedAt, c.Village, c.Status, c.ResolvedLevel, c.ResolvedAt, c.ClosedAt, c.Satisfaction, c.DeadlineAt, c.PausedAt,
        }, "IX_disputes_cases_Dashboard");
    }
}

public sealed class DisputesSqliteDbContext(DbContextOptions<DisputesDbContext> options) : DisputesDbContext(options);

public sealed class DisputesPostgresDbContext(DbContextOptions<DisputesDbContext> options) : DisputesDbContext(options);

internal sealed class DisputesSqliteDesignFactory : IDesignTimeDbContextFactory<DisputesSqliteDbContext>
{
    public DisputesSqliteDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<DisputesDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class DisputesPostgresDesignFactory : IDesignTimeDbContextFactory<DisputesPostgresDbContext>
{
    public DisputesPostgresDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<DisputesDbContext>().UseNpgsql("Host=localhost").Options);
}
