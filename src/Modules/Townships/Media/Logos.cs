using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Zhizhi.Orchard.Townships.Media;

/// <summary>
/// The township's logo: PNG, JPEG or WebP only (checked by content, not by name; SVG could carry script),
/// at most 512 KB, stored in the township's media folder and served from "/media/".
/// </summary>
public sealed class Logos(ITownshipFiles files)
{
    public const long MaxBytes = 512 * 1024;

    public static string? Check(IFormFile file)
    {
        if (file.Length == 0) return "文件是空的";
        if (file.Length > MaxBytes) return "标志图片不能超过 512 KB";
        return null;
    }

    /// <returns>The public URL (relative to the township) or a Chinese error.</returns>
    public async Task<(string? Url, string? Error)> SaveAsync(Township township, IFormFile file, CancellationToken ct)
    {
        if (Check(file) is { } error) return (null, error);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var extension = Sniff(bytes);
        if (extension is null) return (null, "只接受 PNG、JPEG 或 WebP 图片");
        var name = $"logo-{Guid.NewGuid():N}{extension}";
        await File.WriteAllBytesAsync(Path.Combine(files.Folder(township, "media"), name), bytes, ct);
        return ($"media/{name}", null);
    }

    private static string? Sniff(byte[] b) => Zhizhi.Orchard.Media.ImageTypes.PhotoExtension(b);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/media/{file}", (string file, Township township, ITownshipFiles files) =>
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(file, @"^[a-z0-9-]{1,80}\.(png|jpg|webp)$")) return Results.NotFound();
            var path = Path.Combine(files.Folder(township, "media"), file);
            if (!File.Exists(path)) return Results.NotFound();
            var type = Path.GetExtension(file) switch { ".png" => "image/png", ".jpg" => "image/jpeg", _ => "image/webp" };
            return Results.File(path, type, enableRangeProcessing: false);
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
