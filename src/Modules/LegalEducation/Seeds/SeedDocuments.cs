using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Zhizhi.Orchard.LegalEducation.Categories;

namespace Zhizhi.Orchard.LegalEducation.Seeds;

internal sealed record SeedArticle(string Title, string Body, string Format, string Category, string[] Tags, string Kind, string? Audience, string? Summary, DateTime? Date,
    string? LawIssuer = null, string? LawEffectiveDate = null, string? LawStatus = null);

/// <summary>
/// The demo content: articles written for the demo (Recipes/Articles/*.md, with a small front matter)
/// and the seed documents (Recipes/Seeds/*.txt), of which 002 is a compilation split by its table of contents.
/// </summary>
internal static partial class SeedDocuments
{
    private static readonly Assembly Assembly = typeof(SeedDocuments).Assembly;
    private const string CompilationPrefix = "Seeds/002_";

    private static readonly string[] TagWords = ["枫桥经验", "平安建设", "矛盾纠纷", "人民调解", "网格化", "综治中心", "普法", "反诈", "信访"];

    public static IReadOnlyList<SeedArticle> All()
    {
        var articles = new List<SeedArticle>();
        foreach (var name in Assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            if (name.StartsWith("Articles/", StringComparison.Ordinal)) articles.Add(ParseWritten(Read(name)));
            else if (name.StartsWith(CompilationPrefix, StringComparison.Ordinal)) articles.AddRange(SplitCompilation(Read(name)).Select(FromSeed));
            else if (name.StartsWith("Seeds/", StringComparison.Ordinal)) articles.Add(FromSeed(ParseSingle(Read(name))));
        }
        return articles;
    }

    public static string Read(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"missing resource {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string CompilationText()
        => Read(Assembly.GetManifestResourceNames().Single(n => n.StartsWith(CompilationPrefix, StringComparison.Ordinal)));

    public sealed record Piece(string Title, IReadOnlyList<string> Paragraphs, DateTime? Date);

    /// <summary>
    /// Splits the compilation by the titles its table of contents lists. Only the articles whose text is
    /// in the file come out: the source page was cut off ("阅读全文") after the first twenty.
    /// </summary>
    public static IReadOnlyList<Piece> SplitCompilation(string text)
    {
        var lines = Lines(text);
        var toc = new List<string>();
        var firstBodyLine = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var entries = TocEntry().Matches(lines[i]);
            if (entries.Count == 0)
            {
                if (toc.Count > 0 && Norm(lines[i]) == Norm(toc[0])) { firstBodyLine = i; break; }
                continue;
            }
            toc.AddRange(entries.Select(m => m.Groups["title"].Value.Trim()));
        }
        var end = lines.FindIndex(firstBodyLine, l => l.StartsWith("阅读全文", StringComparison.Ordinal));
        if (end < 0) end = lines.Count;

        var starts = new List<(string Title, int Line)>();
        var from = firstBodyLine;
        foreach (var title in toc)
        {
            var at = FindTitle(lines, title, from, end);
            if (at < 0) continue;
            starts.Add((title, at));
            from = at + 1;
        }
        var pieces = new List<Piece>();
        for (var k = 0; k < starts.Count; k++)
        {
            var bodyEnd = k + 1 < starts.Count ? starts[k + 1].Line : end;
            var (date, paragraphs) = Body(lines, starts[k].Line, bodyEnd);
            if (paragraphs.Count > 0) pieces.Add(new Piece(starts[k].Title, paragraphs, date));
        }
        return pieces;
    }

    private static int FindTitle(List<string> lines, string title, int from, int end)
    {
        var t = Norm(title);
        for (var i = from; i < end; i++)
        {
            var line = Norm(lines[i]);
            if (line.Length == 0 || line.Length > t.Length + 20) continue;
            if (line == t || (line.StartsWith(t, StringComparison.Ordinal) && DateOnly().IsMatch(line[t.Length..]))) return i;
            // A title printed on two lines ("…街道工委书记 宫浩" / "全力打造基层平安建设新模式").
            if (line.Length >= 8 && t.EndsWith(line, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    /// <summary>The paragraphs after a title line, and the date printed under (or beside) it.</summary>
    private static (DateTime? Date, List<string> Paragraphs) Body(List<string> lines, int titleLine, int end)
    {
        DateTime? date = ParseDate(lines[titleLine]);
        var paragraphs = new List<string>();
        for (var i = titleLine + 1; i < end; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (paragraphs.Count == 0 && date is null && ParseDate(line) is { } d && line.Length <= 20) { date = d; continue; }
            paragraphs.Add(line);
        }
        return (date, paragraphs);
    }

    /// <summary>One seed page: its title, paragraphs and date, without the site's navigation and footer.</summary>
    public static Piece ParseSingle(string text)
    {
        var lines = Lines(text).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("当前位置", StringComparison.Ordinal)).ToList();
        var title = BookTitle().Replace(WordCount().Replace(lines[0], ""), "").Trim();
        DateTime? date = null;
        var paragraphs = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("时间:", StringComparison.Ordinal) || line.StartsWith("时间:", StringComparison.Ordinal)) { date = ParseDate(line); continue; }
            if (line.StartsWith("阅读全文", StringComparison.Ordinal) || line.StartsWith("《" + title[..Math.Min(4, title.Length)], StringComparison.Ordinal)) break;
            if (Visits().IsMatch(line)) continue;
            if (Norm(WordCount().Replace(line, "")) == Norm(title)) continue;
            paragraphs.Add(line);
        }
        return new Piece(title, paragraphs, date);
    }

    private static SeedArticle FromSeed(Piece p)
    {
        var text = string.Join("", p.Paragraphs);
        var tags = TagWords.Where(w => text.Contains(w, StringComparison.Ordinal) || p.Title.Contains(w, StringComparison.Ordinal)).Take(5).ToArray();
        var body = string.Join("\n", p.Paragraphs.Select(x => "<p>" + WebUtility.HtmlEncode(x) + "</p>"));
        return new SeedArticle(Shorten(p.Title, Articles.ArticleRules.MaxTitleLength), body, Articles.ArticleFormats.Html, DefaultCategories.Other, tags, "article", null, null, p.Date);
    }

    /// <summary>A demo article: "---" front matter (title, category, tags, audience, kind, summary; lawIssuer, lawEffectiveDate, lawStatus for laws), then Markdown.</summary>
    public static SeedArticle ParseWritten(string text)
    {
        var parts = text.Replace("\r", "").Split("---\n", 3);
        var meta = parts[1].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2)).ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim());
        return new SeedArticle(meta["title"], parts[2].Trim(), Articles.ArticleFormats.Markdown, meta["category"],
            [.. meta.GetValueOrDefault("tags", "").Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            meta.GetValueOrDefault("kind", "article"), meta.GetValueOrDefault("audience"), meta.GetValueOrDefault("summary"), null,
            meta.GetValueOrDefault("lawIssuer"), meta.GetValueOrDefault("lawEffectiveDate"), meta.GetValueOrDefault("lawStatus"));
    }

    private static DateTime? ParseDate(string line)
    {
        var m = DateText().Match(line);
        if (!m.Success) return null;
        return DateTime.TryParse($"{m.Groups[1].Value}-{m.Groups[2].Value}-{m.Groups[3].Value}", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;
    }

    private static List<string> Lines(string text) => [.. text.Replace("\r", "").Split('\n').Select(l => l.Replace('\u00a0', ' ').Replace('\u3000', ' '))];

    private static string Norm(string s) => Punctuation().Replace(s, "");

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max];

    [GeneratedRegex(@"(?<no>\d{1,3})\.\s*(?<title>.+?)[…\s]*…+\s*\d+")]
    private static partial Regex TocEntry();

    [GeneratedRegex(@"[\s“”""「」、,，:：()（）—\-·《》_]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"^\d{4}年\d{1,2}月\d{1,2}日$")]
    private static partial Regex DateOnly();

    [GeneratedRegex(@"(\d{4})[年\-](\d{1,2})[月\-](\d{1,2})")]
    private static partial Regex DateText();

    [GeneratedRegex(@"\[本文共\d+字\]")]
    private static partial Regex WordCount();

    [GeneratedRegex(@"_《.*》$")]
    private static partial Regex BookTitle();

    [GeneratedRegex(@"^\d+\s*次访问$")]
    private static partial Regex Visits();
}
