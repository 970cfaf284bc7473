using System.Net;
using System.Text;

namespace Zhizhi.Orchard.LegalEducation.Searching;

/// <summary>
/// Our own highlighter (Lucene's Highlighter package is not served): finds the query's terms and
/// bigrams in the text, keeps a window of about <c>length</c> characters around the densest stretch of
/// hits, HTML-encodes it and wraps the hits in &lt;em&gt;. The result is safe to emit as raw HTML.
/// </summary>
internal static class Snippets
{
    public const int DefaultLength = 120;

    public static string Build(string text, IReadOnlyList<string> needles, int length = DefaultLength)
    {
        text = text.Replace('\r', ' ').Replace('\n', ' ');
        var hits = Hits(text, needles);
        var start = hits.Count == 0 ? 0 : BestStart(text.Length, hits, length);
        var end = Math.Min(text.Length, start + length);
        start = Math.Max(0, Math.Min(start, end - length));
        if (start > 0 && char.IsLowSurrogate(text[start])) start--;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end++;

        var html = new StringBuilder();
        if (start > 0) html.Append('…');
        var at = start;
        foreach (var (hitStart, hitEnd) in hits)
        {
            var s = Math.Max(hitStart, start);
            var e = Math.Min(hitEnd, end);
            if (e <= s) continue;
            html.Append(WebUtility.HtmlEncode(text[at..s]));
            html.Append("<em>").Append(WebUtility.HtmlEncode(text[s..e])).Append("</em>");
            at = e;
        }
        html.Append(WebUtility.HtmlEncode(text[at..end]));
        if (end < text.Length) html.Append('…');
        return html.ToString();
    }

    /// <summary>Every occurrence of every needle, overlapping ones merged, in text order.</summary>
    public static List<(int Start, int End)> Hits(string text, IReadOnlyList<string> needles)
    {
        var found = new List<(int Start, int End)>();
        // Lower-cased once (char by char, so offsets stay), then ordinal search: much cheaper than
        // OrdinalIgnoreCase per needle on long bodies, and the same for CJK and ASCII.
        var lower = text.ToLowerInvariant();
        foreach (var needle in needles.Where(n => n.Length > 0).Select(n => n.ToLowerInvariant()))
        {
            for (var i = lower.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = lower.IndexOf(needle, i + 1, StringComparison.Ordinal))
                found.Add((i, i + needle.Length));
        }
        found.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var hit in found)
        {
            if (merged.Count > 0 && hit.Start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, hit.End));
            else merged.Add(hit);
        }
        return merged;
    }

    /// <summary>The window start that covers the most highlighted characters, with a little context before the first hit.</summary>
    private static int BestStart(int textLength, List<(int Start, int End)> hits, int length)
    {
        var lead = length / 6;
        var bestStart = 0;
        var bestCovered = -1;
        foreach (var anchor in hits)
        {
            var start = Math.Max(0, Math.Min(anchor.Start - lead, textLength - length));
            var end = start + length;
            var covered = 0;
            foreach (var (s, e) in hits)
            {
                if (s >= end) break;
                covered += Math.Max(0, Math.Min(e, end) - Math.Max(s, start));
            }
            if (covered > bestCovered) (bestStart, bestCovered) = (start, covered);
        }
        return bestStart;
    }
}
