using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Ledger;

namespace Zhizhi.Orchard.VolunteerPoints.Exchange;

/// <summary>
/// Ends a reservation: fulfilled by the clerk, or cancelled (stock and points go back). The state change is
/// a conditional UPDATE from "reserved", so a second fulfilment or cancellation touches nothing and is 409.
/// </summary>
public sealed class SettleRedemption(PointsDbContext db, PointsLedger ledger, TimeProvider clock)
{
    public enum Outcome { Done, NotFound, NotReserved }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public async Task<(Outcome Outcome, Redemption? Redemption)> FulfilAsync(string code, string? by, CancellationToken ct)
    {
        code = Normalize(code);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Redemptions.Where(r => r.Code == code && r.Status == RedemptionStatus.Reserved)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RedemptionStatus.Fulfilled).SetProperty(r => r.SettledAt, now).SetProperty(r => r.SettledBy, by), ct);
        var redemption = await db.Redemptions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, ct);
        if (redemption is null) return (Outcome.NotFound, null);
        return (rows == 1 ? Outcome.Done : Outcome.NotReserved, redemption);
    }

    public async Task<(Outcome Outcome, Redemption? Redemption)> CancelAsync(string code, string? by, CancellationToken ct)
    {
        code = Normalize(code);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Redemptions.Where(r => r.Code == code && r.Status == RedemptionStatus.Reserved)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RedemptionStatus.Cancelled).SetProperty(r => r.SettledAt, now).SetProperty(r => r.SettledBy, by), ct);
        var redemption = await db.Redemptions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, ct);
        if (rows == 0)
        {
            await tx.RollbackAsync(ct);
            return (redemption is null ? Outcome.NotFound : Outcome.NotReserved, redemption);
        }
        await db.Items.Where(i => i.Id == redemption!.ItemId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Stock, i => i.Stock + redemption!.Quantity), ct);
        await db.Takes.Where(t => t.UserName == redemption!.UserName && t.ItemId == redemption.ItemId && t.Quantity >= redemption.Quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Quantity, t => t.Quantity - redemption!.Quantity), ct);
        await ledger.CreditAsync(redemption!.UserName, redemption.Points, LedgerSources.Cancellation, $"取消兑换“{redemption.ItemName}”×{redemption.Quantity},积分退回", code, by, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (Outcome.Done, redemption);
    }

    /// <summary>Who may cancel: the person who redeemed, or shop staff (checked by the caller's permission).</summary>
    public async Task<string?> OwnerAsync(string code, CancellationToken ct)
    {
        code = Normalize(code);
        return await db.Redemptions.Where(r => r.Code == code).Select(r => r.UserName).FirstOrDefaultAsync(ct);
    }
}
