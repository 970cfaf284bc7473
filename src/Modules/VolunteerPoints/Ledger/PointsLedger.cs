using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

/// <summary>
/// Moves points. Every change is a conditional UPDATE of the account row plus a ledger entry carrying the
/// balance after it, written by the caller's transaction: the account is the fast balance, the ledger the
/// proof, and both change together or not at all. The WHERE clause (and CHECK Balance >= 0) decides who
/// wins when many debits race, on SQLite (writers queue) and PostgreSQL (row lock, re-evaluated WHERE).
/// Inside a transaction the first statement is always a write, so SQLite takes the write lock before reading.
/// </summary>
public sealed class PointsLedger(PointsDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Makes sure the user has an account row. Call it before opening a transaction: a lost race is a
    /// unique violation, which would spoil a PostgreSQL transaction.
    /// </summary>
    public async Task EnsureAccountAsync(string userName, CancellationToken ct)
    {
        if (await db.Accounts.AnyAsync(a => a.UserName == userName, ct)) return;
        var account = new PointsAccount { UserName = userName, Balance = 0 };
        db.Accounts.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else created it first: that is all we wanted.
        }
        finally
        {
            db.Entry(account).State = EntityState.Detached;
        }
    }

    /// <summary>Like <see cref="EnsureAccountAsync"/>, the day's counter for the daily cap (before the transaction).</summary>
    public async Task EnsureDayAsync(string userName, string day, CancellationToken ct)
    {
        if (await db.Daily.AnyAsync(d => d.UserName == userName && d.Day == day, ct)) return;
        var row = new Rules.DailyPoints { UserName = userName, Day = day };
        db.Daily.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Inside the caller's transaction: takes up to <paramref name="requested"/> points of the day's cap and
    /// returns how many were granted (0 when the cap is reached). The row is locked by an update first, so two
    /// check-ins of one person on one day are counted one after the other.
    /// </summary>
    public async Task<int> ClaimDailyAsync(string userName, string day, int requested, int? cap, CancellationToken ct)
    {
        if (cap is null) return requested;
        await db.Daily.Where(d => d.UserName == userName && d.Day == day).ExecuteUpdateAsync(s => s.SetProperty(d => d.Points, d => d.Points), ct);
        var current = await db.Daily.Where(d => d.UserName == userName && d.Day == day).Select(d => d.Points).SingleAsync(ct);
        var granted = Math.Clamp(cap.Value - current, 0, requested);
        if (granted == 0) return 0;
        var capValue = cap.Value;
        var rows = await db.Daily.Where(d => d.UserName == userName && d.Day == day && d.Points + granted <= capValue)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Points, d => d.Points + granted), ct);
        return rows == 1 ? granted : 0;
    }

    /// <summary>
    /// Adds points (after <see cref="EnsureAccountAsync"/>); the entry is saved by the caller's SaveChanges.
    /// With <paramref name="holdUntil"/> the points are under public notice (counted, not spendable) until then.
    /// </summary>
    public async Task<LedgerEntry> CreditAsync(string userName, int points, string source, string reason, string? reference, string? by, DateTime now, CancellationToken ct,
        DateTime? holdUntil = null)
    {
        var held = holdUntil > now ? points : 0;
        var rows = await db.Accounts.Where(a => a.UserName == userName)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + points).SetProperty(a => a.Held, a => a.Held + held), ct);
        if (rows != 1) throw new InvalidOperationException($"积分账户“{userName}”不存在");
        var entry = await AppendAsync(userName, points, source, reason, reference, by, now, ct);
        if (held > 0)
        {
            await db.SaveChangesAsync(ct);
            db.Holds.Add(new PointsHold { UserName = userName, LedgerEntryId = entry.Id, Points = held, ReleaseAt = holdUntil!.Value });
        }
        return entry;
    }

    /// <summary>Takes spendable points (balance less points under notice).</summary>
    /// <returns>The entry, or null (nothing changed) when the spendable balance is short.</returns>
    public async Task<LedgerEntry?> TryDebitAsync(string userName, int points, string source, string reason, string? reference, string? by, DateTime now, CancellationToken ct)
    {
        var rows = await db.Accounts.Where(a => a.UserName == userName && a.Balance - a.Held >= points)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance - points), ct);
        return rows == 1 ? await AppendAsync(userName, -points, source, reason, reference, by, now, ct) : null;
    }

    /// <summary>
    /// Ends the notice period of the user's holds that are due, in a transaction of its own (call it before
    /// a debit's transaction). Holds are deleted by id and Held decreases by exactly what was deleted.
    /// </summary>
    public async Task ReleaseDueAsync(string userName, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.Holds.AnyAsync(h => h.UserName == userName && h.ReleaseAt <= now, ct)) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the account row first: releases of one user run one after the other.
        await db.Accounts.Where(a => a.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(a => a.Held, a => a.Held), ct);
        var due = await db.Holds.Where(h => h.UserName == userName && h.ReleaseAt <= now).Select(h => new { h.Id, h.Points }).ToListAsync(ct);
        var ids = due.Select(d => d.Id).ToList();
        var deleted = await db.Holds.Where(h => ids.Contains(h.Id)).ExecuteDeleteAsync(ct);
        if (deleted != due.Count)
        {
            await tx.RollbackAsync(ct);
            return;
        }
        var sum = due.Sum(d => d.Points);
        await db.Accounts.Where(a => a.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(a => a.Held, a => a.Held - sum), ct);
        await tx.CommitAsync(ct);
    }

    public async Task<int> BalanceAsync(string userName, CancellationToken ct)
        => await db.Accounts.Where(a => a.UserName == userName).Select(a => (int?)a.Balance).FirstOrDefaultAsync(ct) ?? 0;

    /// <summary>What can be spent now: the balance less the points whose notice period has not ended.</summary>
    public async Task<(int Balance, int Spendable)> BalancesAsync(string userName, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var balance = await BalanceAsync(userName, ct);
        var held = await db.Holds.Where(h => h.UserName == userName && h.ReleaseAt > now).SumAsync(h => (int?)h.Points, ct) ?? 0;
        return (balance, Math.Max(0, balance - held));
    }

    private async Task<LedgerEntry> AppendAsync(string userName, int delta, string source, string reason, string? reference, string? by, DateTime now, CancellationToken ct)
    {
        // Read inside the transaction that just updated the row: nobody else can change it before we commit.
        var after = await db.Accounts.Where(a => a.UserName == userName).Select(a => a.Balance).SingleAsync(ct);
        var entry = new LedgerEntry
        {
            UserName = userName, At = now, Delta = delta, BalanceAfter = after, Source = source,
            Reason = reason.Length > 200 ? reason[..200] : reason, Reference = reference, By = by,
        };
        db.Ledger.Add(entry);
        return entry;
    }
}
