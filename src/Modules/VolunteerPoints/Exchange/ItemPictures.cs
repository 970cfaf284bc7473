using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Exchange;

/// <summary>
/// An item's picture: PNG, JPEG or WebP (checked by content, not by name or declared type; SVG could carry
/// script), at most 512 KB (well under the API body limit), written into the township's media folder as item-{guid}.ext and served at media/{file}.
/// The old picture file is removed after the item points at the new one.
/// </summary>
public sealed class ItemPictures(PointsDbContext db, ITownshipFiles files)
{
    public const long MaxBytes = 512 * 1024;

    public enum Outcome { Done, NotFound, Invalid }

    public async Task<(Outcome Outcome, ExchangeItem? Item, string? Error)> SaveAsync(Township township, int itemId, IFormFile file, CancellationToken ct)
    {
        var item = await db.Items.FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return (Outcome.NotFound, null, null);
        if (file.Length == 0) return (Outcome.Invalid, null, "图片文件是空的");
        if (file.Length > MaxBytes) return (Outcome.Invalid, null, "商品图片不能超过 512 KB");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var extension = Sniff(bytes);
        if (extension is null) return (Outcome.Invalid, null, "只接受 PNG、JPEG 或 WebP 图片");
        var folder = files.Folder(township, "media");
        var name = $"item-{Guid.NewGuid():N}{extension}";
        await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes, ct);
        var old = item.Picture;
        item.Picture = name;
        await db.SaveChangesAsync(ct);
        if (old is not null && old.StartsWith("item-", StringComparison.Ordinal) && !old.Contains('/') && !old.Contains('\\'))
            File.Delete(Path.Combine(folder, old));
        return (Outcome.Done, item, null);
    }

    internal static string? Sniff(byte[] b) => Zhizhi.Orchard.Media.ImageTypes.PhotoExtension(b);
}
