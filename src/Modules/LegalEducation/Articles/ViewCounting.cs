using System.Text.RegularExpressions;

namespace Zhizhi.Orchard.LegalEducation.Articles;

/// <summary>Which page views count: not crawlers, previewers and monitoring probes (by their User-Agent).</summary>
internal static partial class ViewCounting
{
    public static bool IsBot(string? userAgent)
        => string.IsNullOrWhiteSpace(userAgent) || Bots().IsMatch(userAgent);

    [GeneratedRegex(@"bot|crawl|spider|slurp|baiduspider|bingpreview|facebookexternalhit|headless|curl|wget|python-requests|httpclient|okhttp|go-http|java/|monitor|preview|feed|rss", RegexOptions.IgnoreCase)]
    private static partial Regex Bots();
}
