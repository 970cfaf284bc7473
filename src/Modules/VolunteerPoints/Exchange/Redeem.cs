using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Ledger;

namespace Zhizhi.Orchard.VolunteerPoints.Exchange;

public sealed record RedemptionRequest(int? ItemId, int? Quantity);

public sealed record RedemptionDto(int Id, string Code, string Status, int ItemId, string ItemName, int Quantity, int Points);

/// <summary>
/// Reserves stock and points in one transaction, each by a conditional UPDATE (Stock >= q, Balance >= cost):
/// if either touches no row, both are rolled back and the answer is 409. The database decides, so neither
/// ever goes below zero however many requests race.
/// </summary>
public sealed class Redeem(PointsDbContext db, PointsLedger ledger, TimeProvider clock)
{
    public const int MaxQuantity = 100;
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public enum Outcome { Done, UnknownItem, OutOfStock, NotEnoughPoints, OverLimit }

    public static Validation Validate(RedemptionRequest r)
    {
        var v = new Validation();
        if (r.ItemId is null) v.Add("itemId", "请选择要兑换的商品");
        if (r.Quantity is null) v.Add("quantity", "数量不能为空");
        else if (r.Quantity is <= 0 or > MaxQuantity) v.Add("quantity", $"数量须为 1-{MaxQuantity} 之间的整数");
        return v;
    }

    public async Task<(Outcome Outcome, Redemption? Redemption)> ExecuteAsync(RedemptionRequest r, string userName, CancellationToken ct)
    {
        var itemId = r.ItemId!.Value;
        var quantity = r.Quantity!.Value;
        var item = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return (Outcome.UnknownItem, null);
        var cost = checked(item.PointsCost * quantity);
        var now = clock.GetUtcNow().UtcDateTime;
        var code = NewCode();
        await ledger.ReleaseDueAsync(userName, ct);
        if (item.PerPersonLimit is not null) await EnsureTakeAsync(userName, itemId, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var reserved = await db.Items.Where(i => i.Id == itemId && i.Stock >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Stock, i => i.Stock - quantity), ct);
        if (reserved == 0)
        {
            await tx.RollbackAsync(ct);
            return (Outcome.OutOfStock, null);
        }
        if (item.PerPersonLimit is { } limit)
        {
            // The per-person limit, decided like the stock: a conditional update of the person's count for the item.
            var taken = await db.Takes.Where(t => t.UserName == userName && t.ItemId == itemId && t.Quantity + quantity <= limit)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Quantity, t => t.Quantity + quantity), ct);
            if (taken == 0)
            {
                await tx.RollbackAsync(ct);
                return (Outcome.OverLimit, null);
            }
        }
        var entry = await ledger.TryDebitAsync(userName, cost, LedgerSources.Redemption, $"兑换“{item.Name}”×{quantity}", code, userName, now, ct);
        if (entry is null)
        {
            await tx.RollbackAsync(ct);
            return (Outcome.NotEnoughPoints, null);
        }
        var redemption = new Redemption
        {
            Code = code, UserName = userName, ItemId = itemId, ItemName = item.Name, Quantity = quantity, Points = cost,
            Status = RedemptionStatus.Reserved, CreatedAt = now,
        };
        db.Redemptions.Add(redemption);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (Outcome.Done, redemption);
    }

    private async Task EnsureTakeAsync(string userName, int itemId, CancellationToken ct)
    {
        if (await db.Takes.AnyAsync(t => t.UserName == userName && t.ItemId == itemId, ct)) return;
        var take = new ItemTake { UserName = userName, ItemId = itemId };
        db.Takes.Add(take);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
        }
        finally
        {
            db.Entry(take).State = EntityState.Detached;
        }
    }

    private static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, 10);

    public static RedemptionDto ToDto(Redemption r) => new(r.Id, r.Code, r.Status, r.ItemId, r.ItemName, r.Quantity, r.Points);
}
