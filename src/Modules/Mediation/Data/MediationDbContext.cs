using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Mediators;
using Zhizhi.Orchard.Mediation.Notifications;
using Zhizhi.Orchard.Mediation.Rooms;
using Zhizhi.Orchard.Mediation.Settings;

namespace Zhizhi.Orchard.Mediation.Data;

/// <summary>The mediation tables, prefixed "mediation_".</summary>
public abstract class MediationDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Prefix = "mediation";

    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<Mediator> Mediators => Set<Mediator>();
    public DbSet<MediatorAbsence> MediatorAbsences => Set<MediatorAbsence>();
    public DbSet<MediatorHold> MediatorHolds => Set<MediatorHold>();
    public DbSet<MediationSettings> Settings => Set<MediationSettings>();
    public DbSet<Notification> Notifications => Set<Notification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Room>(b =>
        {
            b.ToTable("mediation_rooms");
            b.HasKey(r => r.Id);
            b.Property(r => r.Name).HasMaxLength(CreateRoom.MaxNameLength);
            b.Property(r => r.Brand).HasMaxLength(CreateRoom.MaxBrandLength);
            b.Property(r => r.Address).HasMaxLength(CreateRoom.MaxAddressLength);
            // Small lists read and written with their room: stored as JSON text on both providers.
            Json(b.Property(r => r.Specialties));
            Json(b.Property(r => r.OpeningHours));
            Json(b.Property(r => r.ClosedDays));
            b.Property(r => r.Village).HasMaxLength(50);
            b.Property(r => r.PhotoUrl).HasMaxLength(200);
        });
        modelBuilder.Entity<Booking>(b =>
        {
            b.ToTable("mediation_bookings");
            b.HasKey(x => x.Id);
            b.Property(x => x.ActiveSlotKey).HasMaxLength(40);
            b.HasIndex(x => x.ActiveSlotKey).IsUnique();
            b.HasIndex(x => new { x.RoomId, x.SlotStart });
            b.HasIndex(x => new { x.ApplicantId, x.SlotStart });
            b.HasIndex(x => new { x.Status, x.SlotStart });
            b.HasIndex(x => x.Code);
            b.Property(x => x.Status).HasMaxLength(12);
            b.Property(x => x.Code).HasMaxLength(12);
            b.Property(x => x.Category).HasMaxLength(20);
            b.Property(x => x.Description).HasMaxLength(BookingRules.MaxDescriptionLength);
            b.Property(x => x.OtherParty).HasMaxLength(BookingRules.MaxOtherPartyLength);
            b.Property(x => x.ApplicantId).HasMaxLength(100);
            b.Property(x => x.ApplicantName).HasMaxLength(100);
            b.Property(x => x.DecidedBy).HasMaxLength(100);
            b.Property(x => x.DeclineReason).HasMaxLength(BookingRules.MaxReasonLength);
            b.Property(x => x.Version).IsConcurrencyToken();
            b.Property(x => x.MediatorName).HasMaxLength(50);
            b.Property(x => x.InviteCode).HasMaxLength(12);
            b.HasIndex(x => x.InviteCode).IsUnique();
            b.Property(x => x.OtherPartyUserId).HasMaxLength(100);
            b.Property(x => x.Outcome).HasMaxLength(12);
            b.Property(x => x.OutcomeNote).HasMaxLength(BookingRules.MaxDescriptionLength);
            b.HasIndex(x => new { x.MediatorId, x.SlotStart });
        });
        modelBuilder.Entity<Mediator>(b =>
        {
            b.ToTable("mediation_mediators");
            b.HasKey(m => m.Id);
            b.Property(m => m.Name).HasMaxLength(50);
            b.Property(m => m.Type).HasMaxLength(10);
            b.Property(m => m.Phone).HasMaxLength(20);
            Json(b.Property(m => m.Specialties));
            Json(b.Property(m => m.RoomIds));
            b.Property(m => m.Village).HasMaxLength(MediatorLimits.VillageLength);
            b.Property(m => m.VillageGroup).HasMaxLength(MediatorLimits.GroupLength);
            Json(b.Property(m => m.Conflicts));
            // Rows from before conflicts were declared read as "no conflicts", not as an unreadable empty string.
            b.Property(m => m.Conflicts).HasDefaultValueSql("'[]'");
        });
        modelBuilder.Entity<MediatorAbsence>(b =>
        {
            b.ToTable("mediation_mediator_absences");
            b.HasKey(a => a.Id);
            b.Property(a => a.Reason).HasMaxLength(200);
            b.HasIndex(a => new { a.MediatorId, a.Start });
        });
        modelBuilder.Entity<MediatorHold>(b =>
        {
            b.ToTable("mediation_mediator_holds");
            b.HasKey(h => h.Id);
            b.HasIndex(h => new { h.MediatorId, h.At }).IsUnique();
            b.HasOne(h => h.Booking).WithMany().HasForeignKey(h => h.BookingId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<MediationSettings>(b =>
        {
            b.ToTable("mediation_settings");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.ReminderWebhookUrl).HasMaxLength(500);
        });
        modelBuilder.Entity<Notification>(b =>
        {
            b.ToTable("mediation_notifications");
            b.HasKey(n => n.Id);
            b.Property(n => n.UserId).HasMaxLength(100);
            b.Property(n => n.Title).HasMaxLength(100);
            b.Property(n => n.Body).HasMaxLength(500);
            b.Property(n => n.Link).HasMaxLength(200);
            b.HasIndex(n => new { n.UserId, n.CreatedAt });
            b.HasIndex(n => new { n.SourceId, n.UserId }).IsUnique();
        });
        modelBuilder.AddOutbox(Prefix);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static void Json<T>(PropertyBuilder<List<T>> property)
        => property
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonOptions),
                s => JsonSerializer.Deserialize<List<T>>(s, JsonOptions) ?? new List<T>(),
                new ValueComparer<List<T>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x == null ? 0 : x.GetHashCode())),
                    v => v.ToList()))
            .HasMaxLength(20_000);
}

public sealed class MediationSqliteDbContext(DbContextOptions<MediationDbContext> options) : MediationDbContext(options);

public sealed class MediationPostgresDbContext(DbContextOptions<MediationDbContext> options) : MediationDbContext(options);

internal sealed class MediationSqliteDesignFactory : IDesignTimeDbContextFactory<MediationSqliteDbContext>
{
    public MediationSqliteDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<MediationDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class MediationPostgresDesignFactory : IDesignTimeDbContextFactory<MediationPostgresDbContext>
{
    public MediationPostgresDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<MediationDbContext>().UseNpgsql("Host=localhost").Options);
}
