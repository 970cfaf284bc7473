using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Notifications;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Workflows.Data;

/// <summary>Definitions (all versions), instances and durable timers, prefixed "workflows_".</summary>
public abstract class WorkflowsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Prefix = "workflows";
    public const int IdLength = 100;

    public DbSet<WorkflowDefinition> Definitions => Set<WorkflowDefinition>();
    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();
    public DbSet<WorkflowTimer> Timers => Set<WorkflowTimer>();
    public DbSet<Activities.WorkflowNotification> Notifications => Set<Activities.WorkflowNotification>();
    public DbSet<NotificationRead> NotificationReads => Set<NotificationRead>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkflowDefinition>(b =>
        {
            b.ToTable("workflows_definitions");
            b.HasKey(d => new { d.Id, d.Version });
            b.Property(d => d.Id).HasMaxLength(IdLength);
            b.Property(d => d.Name).HasMaxLength(100);
            b.Property(d => d.CreatedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<WorkflowInstance>(b =>
        {
            b.ToTable("workflows_instances");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).HasMaxLength(32);
            b.Property(i => i.DefinitionId).HasMaxLength(IdLength);
            b.Property(i => i.CorrelationId).HasMaxLength(IdLength);
            b.Property(i => i.Status).HasMaxLength(20);
            b.Property(i => i.Fault).HasMaxLength(2000);
            b.Property(i => i.Revision).IsConcurrencyToken();
            b.HasIndex(i => i.CorrelationId);
            b.HasIndex(i => new { i.DefinitionId, i.Status });
            b.HasIndex(i => i.Status);
        });
        modelBuilder.Entity<WorkflowTimer>(b =>
        {
            b.ToTable("workflows_timers");
            b.HasKey(t => t.Id);
            b.Property(t => t.InstanceId).HasMaxLength(32);
            b.Property(t => t.ActivityId).HasMaxLength(IdLength);
            b.HasIndex(t => t.DueAt);
            b.HasIndex(t => t.InstanceId);
        });
        modelBuilder.Entity<Activities.WorkflowNotification>(b =>
        {
            b.ToTable("workflows_notifications");
            b.HasKey(n => n.Id);
            b.HasIndex(n => n.MessageId).IsUnique();
            b.HasIndex(n => n.CreatedAt);
            b.Property(n => n.InstanceId).HasMaxLength(32);
            b.Property(n => n.CorrelationId).HasMaxLength(IdLength);
            b.Property(n => n.Text).HasMaxLength(Activities.NotifyActivity.MaxText);
            b.Property(n => n.Recipients).HasMaxLength(1000);
        });
        modelBuilder.AddOutbox(Prefix);
        modelBuilder.AddNotificationReads(Prefix);
    }
}

public sealed class WorkflowsSqliteDbContext(DbContextOptions<WorkflowsDbContext> options) : WorkflowsDbContext(options);

public sealed class WorkflowsPostgresDbContext(DbContextOptions<WorkflowsDbContext> options) : WorkflowsDbContext(options);

internal sealed class WorkflowsSqliteDesignFactory : IDesignTimeDbContextFactory<WorkflowsSqliteDbContext>
{
    public WorkflowsSqliteDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<WorkflowsDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class WorkflowsPostgresDesignFactory : IDesignTimeDbContextFactory<WorkflowsPostgresDbContext>
{
    public WorkflowsPostgresDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<WorkflowsDbContext>().UseNpgsql("Host=localhost").Options);
}
