using Microsoft.EntityFrameworkCore;

namespace Zhizhi.Orchard.Notifications;

/// <summary>
/// "This user has read this notice", for notices addressed to roles or name lists (one row serves many people, so
/// the row cannot carry a read flag). The key (notice, user) is the primary key: marking the same notice read twice,
/// even in parallel, leaves one row and no error.
/// </summary>
public sealed class NotificationRead
{
    public long NotificationId { get; set; }
    public required string UserId { get; set; }
    public DateTime ReadAt { get; set; }
}

public static class NotificationReadExtensions
{
    private const int Chunk = 200;

    /// <summary>Adds the read-marker table "{prefix}_notification_reads" to a module's model.</summary>
    public static ModelBuilder AddNotificationReads(this ModelBuilder modelBuilder, string tablePrefix)
    {
        modelBuilder.Entity<NotificationRead>(b =>
        {
            b.ToTable($"{tablePrefix}_notification_reads");
            // User first: "how many has this user read" (the badge cache's check) is a key-prefix lookup.
            b.HasKey(r => new { r.UserId, r.NotificationId });
            b.Property(r => r.UserId).HasMaxLength(100);
        });
        return modelBuilder;
    }

    /// <summary>
    /// Writes read markers for <paramref name="ids"/>; a marker that exists already (another tab, a parallel request)
    /// is left as it is: INSERT ... ON CONFLICT DO NOTHING, which SQLite and PostgreSQL both understand.
    /// </summary>
    /// <returns>How many markers this call wrote.</returns>
    public static async Task<int> MarkReadAsync(this DbContext db, IReadOnlyCollection<long> ids, string userId, DateTime utcNow, CancellationToken ct)
    {
        if (ids.Count == 0) return 0;
        var entity = db.Model.FindEntityType(typeof(NotificationRead)) ?? throw new InvalidOperationException($"{db.GetType().Name} has no notification reads table");
        var table = entity.GetTableName();
        var written = 0;
        foreach (var chunk in ids.Distinct().Chunk(Chunk))
        {
            var values = new List<object>(chunk.Length * 3);
            var rows = new List<string>(chunk.Length);
            foreach (var id in chunk)
            {
                rows.Add($"({{{values.Count}}}, {{{values.Count + 1}}}, {{{values.Count + 2}}})");
                values.AddRange([id, userId, DateTime.SpecifyKind(utcNow, DateTimeKind.Utc)]);
            }
            var sql = $"INSERT INTO \"{table}\" (\"NotificationId\", \"UserId\", \"ReadAt\") VALUES {string.Join(", ", rows)} ON CONFLICT DO NOTHING";
            written += await db.Database.ExecuteSqlRawAsync(sql, values, ct);
        }
        return written;
    }
}
