using System.Text.RegularExpressions;

namespace Zhizhi.Orchard.LegalEducation.Articles;

/// <summary>One numbered article (条) of a law text: its own search hit and its own anchor on the page.</summary>
public sealed record LawSection(int Number, string Label, string Anchor, string Text);

/// <summary>
/// Splits a law text into its 条 by the lines that start with "第…条" (Chinese or Arabic numerals), and
/// marks the same paragraphs in the rendered HTML with an id, so "/legal/12#tiao-1067" opens at 第一千零六十七条.
/// </summary>
internal static partial class LawSections
{
    public const int MaxSections = 2000;

    public static string Anchor(int number) => $"tiao-{number}";

    public static IReadOnlyList<LawSection> Split(string plainText)
    {
        var matches = LineStart().Matches(plainText);
        var sections = new List<LawSection>();
        var seen = new HashSet<int>();
        for (var i = 0; i < matches.Count && sections.Count < MaxSections; i++)
        {
            var m = matches[i];
            var number = Number(m.Groups["n"].Value);
            // A number seen before (a quoted article, a second chapter numbering) would give two equal anchors.
            if (number <= 0 || !seen.Add(number)) continue;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : plainText.Length;
            var text = plainText[m.Index..end].Trim();
            sections.Add(new LawSection(number, m.Groups["label"].Value, Anchor(number), text));
        }
        return sections;
    }

    /// <summary>Adds id="tiao-N" to the block elements that start an article; the ids are ours, added after sanitising.</summary>
    public static string AddAnchors(string html)
    {
        var seen = new HashSet<int>();
        return BlockStart().Replace(html, m =>
        {
            var number = Number(m.Groups["n"].Value);
            if (number <= 0 || !seen.Add(number)) return m.Value;
            return $"<{m.Groups["tag"].Value} id=\"{Anchor(number)}\">{m.Groups["lead"].Value}{m.Groups["label"].Value}";
        });
    }

    /// <summary>Reads 一千零六十七 or 1067; 0 when it is not a number.</summary>
    public static int Number(string text)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var arabic)) return arabic;
        int total = 0, current = 0;
        foreach (var c in text)
        {
            var digit = "零一二三四五六七八九".IndexOf(c);
            if (c == '〇') digit = 0;
            if (c == '两') digit = 2;
            if (digit >= 0) { current = digit; continue; }
            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit == 0) return 0;
            total += (current == 0 ? 1 : current) * unit;
            current = 0;
        }
        return total + current;
    }

    [GeneratedRegex(@"(?m)^[ \t\u3000]*(?<label>第(?<n>[零〇一二两三四五六七八九十百千]{1,8}|\d{1,4})条)")]
    private static partial Regex LineStart();

    [GeneratedRegex(@"<(?<tag>p|li|h[1-6])>(?<lead>\s*(?:<strong>)?\s*)(?<label>第(?<n>[零〇一二两三四五六七八九十百千]{1,8}|\d{1,4})条)")]
    private static partial Regex BlockStart();
}
