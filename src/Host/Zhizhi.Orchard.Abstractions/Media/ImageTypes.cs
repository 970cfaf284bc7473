namespace Zhizhi.Orchard.Media;

/// <summary>
/// Decides an uploaded image's type from its first bytes, never from its name or the browser's content type,
/// so nothing uploaded is stored or served as something it is not. Modules pick which of these types they accept.
/// </summary>
public static class ImageTypes
{
    /// <summary>"jpg", "png", "gif" or "webp" (the extension to store it under), or null when the bytes are none of those.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return "jpg";
        if (head.Length >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "png";
        if (head.Length >= 6 && (head[..6].SequenceEqual("GIF87a"u8) || head[..6].SequenceEqual("GIF89a"u8))) return "gif";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "webp";
        return null;
    }

    /// <summary>".png", ".jpg" or ".webp" for the photo types every page accepts (no GIF), else null.</summary>
    public static string? PhotoExtension(ReadOnlySpan<byte> head)
        => Sniff(head) switch
        {
            "png" => ".png",
            "jpg" => ".jpg",
            "webp" => ".webp",
            _ => null,
        };
}
