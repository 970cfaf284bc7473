using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

/// <summary>
/// The scheduled check of one township: every pending obligation whose due date has passed becomes 待核查
/// (overdue), once. The database decides "once": a conditional UPDATE (still pending, still that version) marks it,
/// and in the same transaction the case's timeline gets its entry and the handler a notification (unique key).
/// Of two sweeps at once, the second updates no row and writes nothing.
/// </summary>
public sealed class ObligationCheck(DisputesDbContext db, ITownshipAccessor townships)
{
    public const string Actor = "履行核查";
    private const int Batch = 200;

    /// <returns>How many obligations this run marked overdue.</returns>
    public async Task<int> RunAsync(DateTime utcNow, CancellationToken ct)
    {
        var today = TownshipTime.Today(townships.Current, utcNow);
        var due = await db.Obligations.AsNoTracking()
            .Where(o => o.Status == ObligationStatus.Pending && o.DueDate < today)
            .OrderBy(o => o.DueDate).ThenBy(o => o.Id).Take(Batch).ToListAsync(ct);
        var marked = 0;
        foreach (var o in due)
            if (await MarkAsync(o, utcNow, today, ct)) marked++;
        return marked;
    }

    private async Task<bool> MarkAsync(Obligation o, DateTime now, DateOnly today, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.Obligations
            .Where(x => x.Id == o.Id && x.Status == ObligationStatus.Pending && x.Version == o.Version && x.DueDate < today)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, ObligationStatus.Overdue)
                .SetProperty(x => x.OverdueAt, now).SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (updated == 0) return false;
        var c = await db.Cases.FirstAsync(x => x.Id == o.CaseId, ct);
        var text = $"{c.CaseNo}:履行事项{o.Describe()}已过履行期限,待核查是否履行";
        await HashChain.AppendAsync(db, c, now, "obligation-overdue", Actor, $"履行事项{o.Describe()}已过履行期限,待核查", isPublic: false, ct);
        db.Notifications.Add(new DisputeNotification
        {
            Key = NotificationKinds.OverdueKey(o.Id), Kind = NotificationKinds.ObligationOverdue, CaseId = c.Id, Level = c.Level,
            ObligationId = o.Id, Recipients = Recipients(c.Assignee, o.CreatedBy), Text = text, CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A staff action moved the case's timeline on meanwhile: nothing of this mark stays; the next sweep tries again.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return false;
        }
        await tx.CommitAsync(ct);
        return true;
    }

    public static string? Recipients(params string?[] names)
    {
        var list = names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim().Replace(",", " ")).Distinct().ToList();
        if (list.Count == 0) return null;
        var joined = string.Join(",", list);
        return joined.Length > 300 ? joined[..300] : joined;
    }
}
