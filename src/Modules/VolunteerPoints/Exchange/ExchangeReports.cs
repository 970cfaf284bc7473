using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Exchange;

/// <summary>One line per item: on the shelf, reserved (waiting for pick-up) and handed out.</summary>
public sealed record StockLine(int ItemId, string Name, int PointsCost, int Stock, int Reserved, int Fulfilled);

/// <summary>One line per item over a period: redemptions by status, units and points.</summary>
public sealed record RedemptionLine(int ItemId, string ItemName, int Redemptions, int Units, long Points, int Reserved, int Fulfilled, int Cancelled);

public sealed class ExchangeReports(PointsDbContext db)
{
    public async Task<List<StockLine>> StockAsync(CancellationToken ct)
    {
        var items = await db.Items.AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct);
        var sums = await db.Redemptions.Where(r => r.Status != RedemptionStatus.Cancelled)
            .GroupBy(r => new { r.ItemId, r.Status }).Select(g => new { g.Key.ItemId, g.Key.Status, Units = g.Sum(r => r.Quantity) }).ToListAsync(ct);
        int Units(int id, string status) => sums.Where(s => s.ItemId == id && s.Status == status).Sum(s => s.Units);
        return items.Select(i => new StockLine(i.Id, i.Name, i.PointsCost, i.Stock, Units(i.Id, RedemptionStatus.Reserved), Units(i.Id, RedemptionStatus.Fulfilled))).ToList();
    }

    public async Task<List<RedemptionLine>> RedemptionsAsync(DateTime? from, DateTime? to, CancellationToken ct)
    {
        var q = db.Redemptions.AsNoTracking();
        if (from is not null) q = q.Where(r => r.CreatedAt >= from);
        if (to is not null) q = q.Where(r => r.CreatedAt < to);
        var rows = await q.GroupBy(r => new { r.ItemId, r.ItemName, r.Status })
            .Select(g => new { g.Key.ItemId, g.Key.ItemName, g.Key.Status, Count = g.Count(), Units = g.Sum(r => r.Quantity), Points = g.Sum(r => (long)r.Points) })
            .ToListAsync(ct);
        return rows.GroupBy(r => new { r.ItemId, r.ItemName }).OrderBy(g => g.Key.ItemId).Select(g => new RedemptionLine(
            g.Key.ItemId, g.Key.ItemName, g.Sum(r => r.Count),
            g.Where(r => r.Status != RedemptionStatus.Cancelled).Sum(r => r.Units),
            g.Where(r => r.Status != RedemptionStatus.Cancelled).Sum(r => r.Points),
            g.Where(r => r.Status == RedemptionStatus.Reserved).Sum(r => r.Count),
            g.Where(r => r.Status == RedemptionStatus.Fulfilled).Sum(r => r.Count),
            g.Where(r => r.Status == RedemptionStatus.Cancelled).Sum(r => r.Count))).ToList();
    }
}
