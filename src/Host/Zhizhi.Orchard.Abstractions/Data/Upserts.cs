using Microsoft.EntityFrameworkCore;

namespace Zhizhi.Orchard.Data;

/// <summary>
/// Saving settings-like rows that may not exist yet (a township's first save): "read, add if missing, save" races
/// with a parallel first save, and the loser's insert fails on the key. The loser reads again and updates the row
/// the winner added, so both requests succeed and the last one's values stand.
/// </summary>
public static class Upserts
{
    /// <summary>
    /// Clears the context, runs <paramref name="apply"/> (which reads the rows it changes and adds the missing ones)
    /// and saves; when the save fails while it was adding a row, runs it again on what is there now.
    /// </summary>
    public static async Task SaveUpsertAsync(this DbContext db, Func<Task> apply, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await apply();
            var adding = db.ChangeTracker.Entries().Any(e => e.State == EntityState.Added);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException ex) when (adding && ex is not DbUpdateConcurrencyException && attempt < 3)
            {
                // Another request added the row first: its key is taken now, so the next pass updates it.
            }
        }
    }
}
