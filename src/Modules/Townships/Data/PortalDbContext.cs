using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Townships.Calendar;
using Zhizhi.Orchard.Townships.Notices;
using Zhizhi.Orchard.Townships.Organisation;
using Zhizhi.Orchard.Townships.Villages;

namespace Zhizhi.Orchard.Townships.Data;

/// <summary>The township portal's own tables, prefixed "portal_".</summary>
public abstract class PortalDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Prefix = "portal";

    public DbSet<Village> Villages => Set<Village>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<VillagePerson> People => Set<VillagePerson>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Village>(b =>
        {
            b.ToTable("portal_villages");
            b.HasKey(v => v.Id);
            b.Property(v => v.Name).HasMaxLength(50);
            b.Property(v => v.Kind).HasMaxLength(10);
            b.Property(v => v.Head).HasMaxLength(50);
            b.Property(v => v.Phone).HasMaxLength(20);
            b.HasIndex(v => v.Name).IsUnique();
        });
        modelBuilder.Entity<Notice>(b =>
        {
            b.ToTable("portal_notices");
            b.HasKey(n => n.Id);
            b.Property(n => n.Title).HasMaxLength(200);
            b.Property(n => n.Body).HasMaxLength(20000);
            b.HasIndex(n => n.PublishedAt);
        });
        modelBuilder.Entity<CalendarDay>(b =>
        {
            b.ToTable("portal_calendar_days");
            b.HasKey(d => d.Id);
            b.Property(d => d.Kind).HasMaxLength(10);
            b.Property(d => d.Name).HasMaxLength(EditCalendar.MaxNameLength);
            b.HasIndex(d => d.Date).IsUnique();
        });
        modelBuilder.Entity<Grid>(b =>
        {
            b.ToTable("portal_grids");
            b.HasKey(g => g.Id);
            b.Property(g => g.Name).HasMaxLength(OrganisationLimits.NameLength);
            b.Property(g => g.WorkerName).HasMaxLength(OrganisationLimits.NameLength);
            b.Property(g => g.WorkerPhone).HasMaxLength(OrganisationLimits.PhoneLength);
            b.Property(g => g.WorkerUserName).HasMaxLength(OrganisationLimits.UserNameLength);
            // Two administrators adding the same grid at once: the index lets one in.
            b.HasIndex(g => new { g.VillageId, g.Name }).IsUnique();
            // A village with grids cannot be deleted, whatever the page read before.
            b.HasOne<Village>().WithMany().HasForeignKey(g => g.VillageId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<VillagePerson>(b =>
        {
            b.ToTable("portal_village_people");
            b.HasKey(p => p.Id);
            b.Property(p => p.Name).HasMaxLength(OrganisationLimits.NameLength);
            b.Property(p => p.Duty).HasMaxLength(OrganisationLimits.DutyLength);
            b.Property(p => p.Phone).HasMaxLength(OrganisationLimits.PhoneLength);
            b.Property(p => p.UserName).HasMaxLength(OrganisationLimits.UserNameLength);
            b.HasIndex(p => new { p.VillageId, p.Duty, p.Name }).IsUnique();
            b.HasOne<Village>().WithMany().HasForeignKey(p => p.VillageId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.AddOutbox(Prefix);
    }
}

public sealed class PortalSqliteDbContext(DbContextOptions<PortalDbContext> options) : PortalDbContext(options);

public sealed class PortalPostgresDbContext(DbContextOptions<PortalDbContext> options) : PortalDbContext(options);

internal sealed class PortalSqliteDesignFactory : IDesignTimeDbContextFactory<PortalSqliteDbContext>
{
    public PortalSqliteDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PortalPostgresDesignFactory : IDesignTimeDbContextFactory<PortalPostgresDbContext>
{
    public PortalPostgresDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=localhost").Options);
}
