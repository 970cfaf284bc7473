using System.Text.RegularExpressions;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>Rules for township names: they become the first URL segment, a folder and a schema name.</summary>
internal static partial class TownshipNames
{
    // Every first path segment the host itself answers, plus words that would confuse people or tools.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "api", "admin", "health", "openapi", "default", "account", "accounts", "auth", "login", "logout", "register",
        "lib", "css", "js", "img", "images", "media", "static", "assets", "content", "error", "errors", "favicon",
        "robots", "sitemap", "feed", "rss", "www", "host", "county", "system", "root", "public", "setup", "me",
        "users", "roles", "settings", "themes", "theme", "legal", "search", "mediation", "disputes", "workflows",
        "volunteers", "points", "exchange", "stats", "townships", "tenants", "swagger", "docs", "help", "null", "test",
        "notifications",
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex Pattern();

    /// <returns>A Chinese reason, or null when the name is acceptable.</returns>
    public static string? Check(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "乡镇标识不能为空";
        if (!Pattern().IsMatch(name)) return "乡镇标识须为 2-40 位小写字母、数字或连字符,并以字母开头";
        if (name.EndsWith('-') || name.Contains("--")) return "乡镇标识不能以连字符结尾,也不能含连续的连字符";
        if (Reserved.Contains(name)) return $"“{name}”是系统保留字,不能用作乡镇标识";
        return null;
    }

    public static string? CheckHostName(string host)
        => Uri.CheckHostName(host) == UriHostNameType.Dns && host.Length <= 200 ? null : $"“{host}”不是有效的域名";
}
