using System.Net;
using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;

namespace Zhizhi.Orchard.LegalEducation.Articles;

/// <summary>
/// Turns a stored body into safe HTML and plain text. HTML bodies are sanitised on save (and again on
/// render, which costs little and survives a change of the rules); Markdown is rendered with raw HTML
/// disabled and the result sanitised too, because Markdown links can still say "javascript:".
/// </summary>
internal static partial class ArticleBodies
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseEmphasisExtras().UseAutoLinks().UseListExtras()
        .DisableHtml().Build();

    public static string Sanitize(string html)
    {
        // A new sanitizer per call: the rules are cheap to build and the instance is not documented as thread safe.
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto", "tel"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        return sanitizer.Sanitize(html).Trim();
    }

    public static string ToHtml(string body, string format)
        => Sanitize(format == ArticleFormats.Html ? body : Markdown.ToHtml(body, Pipeline));

    /// <summary>The readable text of a body, for the index, snippets, summaries and the feed.</summary>
    /// <remarks>
    /// Not sanitised again: HTML bodies were sanitised on save and Markdown is rendered with raw HTML off,
    /// and plain text is always encoded where it is shown. Sanitising is by far the dearest step of
    /// indexing, so skipping it here is what lets a rebuild go at thousands of documents a second.
    /// </remarks>
    public static string ToPlainText(string body, string format)
    {
        var html = format == ArticleFormats.Html ? body : Markdown.ToHtml(body, Pipeline);
        var text = BlockEnd().Replace(html, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        text = Spaces().Replace(text, " ");
        return BlankLines().Replace(text, "\n").Trim();
    }

    public static string Excerpt(string text, int length)
    {
        var flat = text.Replace('\n', ' ');
        return flat.Length <= length ? flat : flat[..length] + "…";
    }

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6]|/tr|/blockquote|/pre)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\u00a0\u3000]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex BlankLines();
}
