using System.Security.Cryptography;

namespace Zhizhi.Orchard.EndToEnd.Infrastructure;

/// <summary>Unique names, so that tests never collide on the shared host or on a rerun.</summary>
public static class Names
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    private const string Chars = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string Random(int length)
        => string.Create(length, 0, (span, _) =>
        {
            span[0] = Letters[RandomNumberGenerator.GetInt32(Letters.Length)];
            for (var i = 1; i < span.Length; i++) span[i] = Chars[RandomNumberGenerator.GetInt32(Chars.Length)];
        });

    /// <summary>A township name: lower-case letters and digits, starting with a letter.</summary>
    public static string Township() => "e2e" + Random(7);

    /// <summary>A short Chinese-looking suffix, unique enough for display names and titles.</summary>
    public static string Suffix() => Random(6).ToUpperInvariant();
}
