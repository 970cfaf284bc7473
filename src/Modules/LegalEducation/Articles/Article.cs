namespace Zhizhi.Orchard.LegalEducation.Articles;

/// <summary>A piece of legal-education content: an article, a law text, a case explanation, a Q&amp;A ...</summary>
public sealed class Article
{
    public int Id { get; set; }
    public required string Title { get; set; }
    /// <summary>Markdown source, or HTML already sanitised on save.</summary>
    public required string Body { get; set; }
    public required string Format { get; set; }
    public string? Summary { get; set; }
    public required string Category { get; set; }
    public List<string> Tags { get; set; } = [];
    public string? Audience { get; set; }
    public string Kind { get; set; } = ArticleKinds.Article;
    /// <summary>Law texts only: who issued the law (发布机关), when it took effect, and whether it is still in force.</summary>
    public string? LawIssuer { get; set; }
    public DateOnly? LawEffectiveDate { get; set; }
    public string? LawStatus { get; set; }
    /// <summary>Site-relative path of the cover image in the township's media folder ("legal/media/….jpg").</summary>
    public string? CoverImage { get; set; }
    /// <summary>Shown on the home page (推荐); not versioned, like category and tags.</summary>
    public bool Featured { get; set; }
    /// <summary>Values of the admin-defined fields of the article's kind, by field name; checked against the definitions on save.</summary>
    public Dictionary<string, string> Fields { get; set; } = [];
    public string Status { get; set; } = ArticleStatus.Draft;
    public DateTime? PublishedAt { get; set; }
    public int ViewCount { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }

    public bool IsPublished => Status == ArticleStatus.Published;

    /// <summary>Published and its publication time has come (a scheduled article is published but not yet public).</summary>
    public bool IsPublicAt(DateTime utcNow) => IsPublished && PublishedAt <= utcNow;
}

/// <summary>Every saved state of an article: who saved what, and when.</summary>
public sealed class ArticleVersion
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public required string Format { get; set; }
    public string? SavedBy { get; set; }
    public DateTime SavedAt { get; set; }
    /// <summary>The admin-defined field values as saved; null in versions saved before they were kept.</summary>
    public Dictionary<string, string>? Fields { get; set; }
    /// <summary>Category, tags, audience and cover as saved; null (category, tags) in versions saved before they were kept.</summary>
    public string? Category { get; set; }
    public List<string>? Tags { get; set; }
    public string? Audience { get; set; }
    public string? CoverImage { get; set; }
}

internal static class ArticleStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
}

internal static class ArticleFormats
{
    public const string Markdown = "markdown";
    public const string Html = "html";
    public static readonly string[] All = [Markdown, Html];
}

internal static class ArticleKinds
{
    public const string Article = "article";
    public const string Law = "law";
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [Article] = "普法文章",
        [Law] = "法律条文",
        ["case"] = "以案说法",
        ["qa"] = "问答",
        ["notice"] = "通知公告",
        ["campaign"] = "专题活动",
    };
}

internal static class Audiences
{
    public static readonly string[] All = ["村民", "老年人防诈骗", "学生", "务工人员", "企业"];
}

internal static class LawStatuses
{
    public static readonly string[] All = ["现行有效", "已修改", "已废止"];
}
