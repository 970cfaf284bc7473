using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

/// <summary>
/// Moves points. Every change is a conditional UPDATE of the account row plus a ledger entry carrying the
/// balance after it, written by the caller's transaction: the account is the fast balance, the ledger the
/// proof, and both change together or not at all. The WHERE clause (and CHECK Balance >= 0) decides who
/// wins when many debits race, on SQLite (writers queue) and PostgreSQL (row lock, re-evaluated WHERE).
/// </summary>
public sealed class PointsLedger(PointsDbContext db)
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

    /// <summary>Adds points (after <see cref="EnsureAccountAsync"/>); the entry is saved by the caller's SaveChanges.</summary>
    public async Task<LedgerEntry> CreditAsync(string userName, int points, string source, string reason, string? reference, string? by, DateTime now, CancellationToken ct)
    {
        var rows = await db.Accounts.Where(a => a.UserName == userName)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + points), ct);
        if (rows != 1) throw new InvalidOperationException($"积分账户“{userName}”不存在");
        return await AppendAsync(userName, points, source, reason, reference, by, now, ct);
    }

    /// <returns>The entry, or null (nothing changed) when the balance is short.</returns>
    public async Task<LedgerEntry?> TryDebitAsync(string userName, int points, string source, string reason, string? reference, string? by, DateTime now, CancellationToken ct)
    {
        var rows = await db.Accounts.Where(a => a.UserName == userName && a.Balance >= points)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance - points), ct);
        return rows == 1 ? await AppendAsync(userName, -points, source, reason, reference, by, now, ct) : null;
    }

    public async Task<int> BalanceAsync(string userName, CancellationToken ct)
        => await db.Accounts.Where(a => a.UserName == userName).Select(a => (int?)a.Balance).FirstOrDefaultAsync(ct) ?? 0;

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
