using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.LegalEducation.Media;

/// <summary>
/// Images for articles (covers, pictures in bodies), kept in the township's own media folder. The type is
/// decided by the file's first bytes, never by its name or the browser's content type, and the file is
/// stored under a random name with the extension of the sniffed type, so nothing uploaded runs or is
/// served as anything but an image.
/// </summary>
public sealed partial class LegalMedia(ITownshipFiles files)
{
    public const string Area = "media/legal";
    public const string UrlPrefix = "legal/media/";
    public const int MaxBytes = 1_000_000;

    public sealed record Saved(string Path, string ContentType, long Length);

    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        ["jpg"] = "image/jpeg", ["png"] = "image/png", ["gif"] = "image/gif", ["webp"] = "image/webp",
    };

    /// <summary>The image type of the bytes (jpg, png, gif, webp), or null when they are not one of those.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) => Zhizhi.Orchard.Media.ImageTypes.Sniff(head);

    public static bool IsValidPath(string path) => StoredPath().IsMatch(path);

    [GeneratedRegex(@"^legal/media/[0-9a-f]{32}\.(jpg|png|gif|webp)$")]
    private static partial Regex StoredPath();

    [GeneratedRegex(@"^[0-9a-f]{32}\.(jpg|png|gif|webp)$")]
    private static partial Regex StoredName();

    private string Folder(Township township) => files.Folder(township, Area);

    public bool Exists(Township township, string path)
        => IsValidPath(path) && File.Exists(Path.Combine(Folder(township), path[UrlPrefix.Length..]));

    /// <summary>Checks and stores an upload; the error is a Chinese message for the field "file".</summary>
    public async Task<(Saved? Saved, int Status, string? Error)> SaveAsync(Township township, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return (null, 400, "请选择要上传的图片");
        if (file.Length > MaxBytes) return (null, 413, $"图片不能超过 {MaxBytes / 1000} KB,请压缩后再上传");
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ct);
        var type = Sniff(bytes);
        if (type is null) return (null, 400, "只能上传 JPG、PNG、GIF 或 WebP 图片(按文件内容判断,不看扩展名)");
        var name = $"{Guid.NewGuid():N}.{type}";
        var folder = Folder(township);
        Directory.CreateDirectory(folder);
        // Written under a temporary name and moved, so a half-written file is never served.
        var temporary = Path.Combine(folder, name + ".part");
        await File.WriteAllBytesAsync(temporary, bytes, ct);
        File.Move(temporary, Path.Combine(folder, name));
        return (new Saved(UrlPrefix + name, ContentTypes[type], bytes.Length), 201, null);
    }

    public string? Find(Township township, string name)
    {
        if (!StoredName().IsMatch(name)) return null;
        var path = Path.Combine(Folder(township), name);
        return File.Exists(path) ? path : null;
    }
}

public sealed record MediaDto(string Url, string ContentType, long Length);

internal static class MediaEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/legal/media", UploadAsync).RequirePermission(LegalPermissions.Manage).DisableAntiforgery()
            .WithTags("普法").WithSummary("上传图片(JPG/PNG/GIF/WebP,按内容识别类型)");
        endpoints.MapGet("/legal/media/{name}", Serve).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<Results<Created<MediaDto>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpRequest request, LegalMedia media, Township township, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Problems.Invalid("file", "请以 multipart/form-data 上传,字段名为 file");
        IFormCollection form;
        try { form = await request.ReadFormAsync(ct); }
        catch (InvalidDataException) { return Problems.Invalid("file", "上传的表单无效"); }
        var (saved, status, error) = await media.SaveAsync(township, form.Files.GetFile("file"), ct);
        if (saved is null)
            return status == 413 ? Problems.Problem(413, error!) : Problems.Invalid("file", error!);
        return TypedResults.Created(saved.Path, new MediaDto(saved.Path, saved.ContentType, saved.Length));
    }

    private static IResult Serve(string name, LegalMedia media, Township township)
    {
        var path = media.Find(township, name);
        if (path is null) return Results.NotFound();
        var type = LegalMedia.ContentTypes[Path.GetExtension(name)[1..]];
        return Results.File(path, type, enableRangeProcessing: false);
    }
}
