using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.LegalEducation.Articles;

/// <summary>What an editor sends to create or replace an article.</summary>
public sealed record ArticleRequest(
    string? Title,
    string? Body,
    string? Format = null,
    string? Category = null,
    string?[]? Tags = null,
    string? Summary = null,
    string? Audience = null,
    string? Kind = null,
    string? LawIssuer = null,
    string? LawEffectiveDate = null,
    string? LawStatus = null,
    string? CoverImage = null,
    bool? Featured = null,
    Dictionary<string, string?>? Fields = null);

internal static class ArticleRules
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 200_000;
    public const int MaxSummaryLength = 500;
    public const int MaxCategoryLength = 20;
    public const int MaxTags = 20;
    public const int MaxTagLength = 20;
    public const int MaxLawIssuerLength = 100;

    /// <summary>Checks the request; <paramref name="categories"/> are the township's active categories.</summary>
    public static Validation Validate(ArticleRequest r, IReadOnlyList<string> categories, IReadOnlyList<Fields.FieldDefinition> definitions)
    {
        var v = new Validation()
            .Required("title", r.Title, "标题", MaxTitleLength)
            .Required("body", r.Body, "正文", MaxBodyLength)
            .Optional("summary", r.Summary, "摘要", MaxSummaryLength);
        if (r.Format is not null && !ArticleFormats.All.Contains(r.Format))
            v.Add("format", "格式须为 markdown 或 html");
        if (string.IsNullOrWhiteSpace(r.Category)) v.Add("category", "请选择分类");
        else if (!categories.Contains(r.Category.Trim()))
            v.Add("category", $"未知的分类“{Shorten(r.Category)}”,可选:{string.Join("、", categories)}");
        if (r.Tags is { } tags)
        {
            if (tags.Length > MaxTags) v.Add("tags", $"标签不能超过 {MaxTags} 个");
            if (tags.Any(t => string.IsNullOrWhiteSpace(t))) v.Add("tags", "标签不能为空");
            else if (tags.Any(t => t!.Trim().Length > MaxTagLength)) v.Add("tags", $"每个标签不能超过 {MaxTagLength} 个字符");
        }
        if (r.Audience is not null && !Audiences.All.Contains(r.Audience))
            v.Add("audience", $"读者对象须为:{string.Join("、", Audiences.All)}");
        if (r.Kind is not null && !ArticleKinds.All.ContainsKey(r.Kind))
            v.Add("kind", $"内容类型须为:{string.Join("、", ArticleKinds.All.Select(k => $"{k.Key}({k.Value})"))}");
        var isLaw = (r.Kind ?? ArticleKinds.Article) == ArticleKinds.Law;
        if (!isLaw && (r.LawIssuer is not null || r.LawEffectiveDate is not null || r.LawStatus is not null))
            v.Add("kind", "发布机关、施行日期和效力状态只适用于法律条文(kind 为 law)");
        v.Optional("lawIssuer", r.LawIssuer, "发布机关", MaxLawIssuerLength);
        if (r.LawEffectiveDate is not null && !TryParseDate(r.LawEffectiveDate, out _))
            v.Add("lawEffectiveDate", "施行日期须为有效日期,例如 2021-01-01");
        if (r.LawStatus is not null && !LawStatuses.All.Contains(r.LawStatus))
            v.Add("lawStatus", $"效力状态须为:{string.Join("、", LawStatuses.All)}");
        if (r.CoverImage is not null && !Media.LegalMedia.IsValidPath(r.CoverImage))
            v.Add("coverImage", "封面图片须为本乡镇上传的图片(先通过“上传图片”取得地址)");
        Fields.FieldRules.Check(r.Fields, [.. definitions.Where(d => d.Kind == (r.Kind ?? ArticleKinds.Article))], v);
        if (v.IsValid && (r.Format ?? ArticleFormats.Markdown) == ArticleFormats.Html)
        {
            var clean = ArticleBodies.Sanitize(r.Body!);
            if (string.IsNullOrWhiteSpace(ArticleBodies.ToPlainText(clean, ArticleFormats.Html))) v.Add("body", "正文清理不安全内容后为空");
            else if (clean.Length > MaxBodyLength) v.Add("body", $"正文不能超过 {MaxBodyLength} 个字符");
        }
        return v;
    }

    public const string PublishAtFormats = "例如 2026-12-01T08:00(按本乡镇时区)或 2026-12-01T08:00:00+08:00";

    /// <summary>
    /// Reads a publication time: with an offset or "Z" it is taken as given; without one it is the township's
    /// local time, as an editor in the township means it.
    /// </summary>
    public static bool TryParsePublishAt(string text, Township township, out DateTime utc)
    {
        utc = default;
        if (!DateTime.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var parsed))
            return false;
        try
        {
            utc = parsed.Kind switch
            {
                DateTimeKind.Utc => parsed,
                DateTimeKind.Local => parsed.ToUniversalTime(),
                _ => TimeZoneInfo.ConvertTimeToUtc(parsed, TownshipTime.Zone(township)),
            };
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static bool TryParseDate(string text, out DateOnly date)
        => DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);

    public static List<string> CleanTags(string?[]? tags)
        => [.. (tags ?? []).Select(t => t!.Trim()).Distinct()];

    private static string Shorten(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
