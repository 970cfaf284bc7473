using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Exchange;

public sealed record ItemRequest(string? Name, int? PointsCost, int? Stock, int? PerPersonLimit = null);

public sealed record ItemDto(int Id, string Name, int PointsCost, int Stock, int? PerPersonLimit = null, string? PictureUrl = null)
{
    public static ItemDto From(ExchangeItem i) => new(i.Id, i.Name, i.PointsCost, i.Stock, i.PerPersonLimit, i.Picture is null ? null : $"media/{i.Picture}");
}

public sealed class AddItem(PointsDbContext db, TimeProvider clock)
{
    public static Validation Validate(ItemRequest r)
    {
        var v = new Validation().Required("name", r.Name, "商品名称", 100);
        if (r.PointsCost is null) v.Add("pointsCost", "兑换所需积分不能为空");
        else if (r.PointsCost is <= 0 or > 1_000_000) v.Add("pointsCost", "兑换所需积分须为 1-1000000 之间的整数");
        if (r.Stock is null) v.Add("stock", "库存不能为空");
        else if (r.Stock is < 0 or > 1_000_000) v.Add("stock", "库存须为 0-1000000 之间的整数");
        if (r.PerPersonLimit is <= 0 or > 1_000_000) v.Add("perPersonLimit", "每人限兑须为 1-1000000 之间的整数,不限请留空");
        return v;
    }

    /// <returns>null when an item of that name already exists (the unique index decides).</returns>
    public async Task<ExchangeItem?> ExecuteAsync(ItemRequest r, CancellationToken ct)
    {
        var item = new ExchangeItem { Name = r.Name!.Trim(), PointsCost = r.PointsCost!.Value, Stock = r.Stock!.Value, PerPersonLimit = r.PerPersonLimit, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Items.Add(item);
        try
        {
            await db.SaveChangesAsync(ct);
            return item;
        }
        catch (DbUpdateException)
        {
            db.Entry(item).State = EntityState.Detached;
            return null;
        }
    }
}
