using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Data;

namespace Zhizhi.Orchard.Mediation.Rooms;

public sealed record PhotoDto(string PhotoUrl);

/// <summary>
/// A room's photo: JPEG, PNG or WebP recognised by content (a renamed file or an SVG is refused), at most
/// 900 KB (under the API body limit), written to the township's media folder (served by the portal under "/media/").
/// </summary>
internal static class RoomPhotos
{
    public const long MaxBytes = 900 * 1024;

    public static async Task<(string? Url, string? Error)> SaveAsync(ITownshipFiles files, Township township, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return (null, "请选择一张照片");
        if (file.Length > MaxBytes) return (null, "照片不能超过 900 KB");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var extension = Zhizhi.Orchard.Media.ImageTypes.PhotoExtension(bytes);
        if (extension is null) return (null, "只接受 JPEG、PNG 或 WebP 照片");
        var name = $"room-{Guid.NewGuid():N}{extension}";
        await File.WriteAllBytesAsync(Path.Combine(files.Folder(township, "media"), name), bytes, ct);
        return ($"media/{name}", null);
    }

    public static async Task<Results<Ok<PhotoDto>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        int id, IFormFile? photo, MediationDbContext db, ITownshipFiles files, Township township, CancellationToken ct)
    {
        var room = await db.Rooms.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (room is null) return Problems.NotFound("没有这个调解室");
        var (url, error) = await SaveAsync(files, township, photo, ct);
        if (error is not null) return Problems.Invalid("photo", error);
        room.PhotoUrl = url;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PhotoDto(url!));
    }
}
