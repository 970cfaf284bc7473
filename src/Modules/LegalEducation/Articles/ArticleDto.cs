namespace Zhizhi.Orchard.LegalEducation.Articles;

public sealed record ArticleDto(
    int Id,
    string Title,
    string? Summary,
    string Body,
    string Html,
    string Format,
    string Category,
    IReadOnlyList<string> Tags,
    string? Audience,
    string Kind,
    string Status,
    DateTimeOffset? PublishedAt,
    int ViewCount,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? LawIssuer,
    string? LawEffectiveDate,
    string? LawStatus,
    string? CoverImage,
    bool Featured,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<LawSection> Sections);

public sealed record ArticleListItem(int Id, string Title, string Summary, string Category, IReadOnlyList<string> Tags, string Kind, string Status, DateTimeOffset? PublishedAt, int ViewCount, string? CoverImage = null, bool Featured = false);

public sealed record ArticlePage(int Total, IReadOnlyList<ArticleListItem> Items);

/// <summary>One saved version; the field values and settings are null for versions saved before they were kept.</summary>
public sealed record VersionDto(int Number, string Title, string Format, string? SavedBy, DateTimeOffset SavedAt,
    IReadOnlyDictionary<string, string>? Fields = null, string? Category = null, IReadOnlyList<string>? Tags = null, string? Audience = null, string? CoverImage = null);

internal static class ArticleMapping
{
    public static DateTimeOffset Local(Township township, DateTime utc)
    {
        var local = TownshipTime.ToLocal(township, utc);
        return new DateTimeOffset(local, TownshipTime.Zone(township).GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
    }

    public static ArticleDto ToDto(this Article a, Township t) => new(
        a.Id, a.Title, a.Summary, a.Body, a.Kind == ArticleKinds.Law ? LawSections.AddAnchors(ArticleBodies.ToHtml(a.Body, a.Format)) : ArticleBodies.ToHtml(a.Body, a.Format), a.Format, a.Category, a.Tags, a.Audience,
        a.Kind, a.Status, a.PublishedAt is { } p ? Local(t, p) : null, a.ViewCount, a.Version, Local(t, a.CreatedAt), Local(t, a.UpdatedAt),
        a.LawIssuer, a.LawEffectiveDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), a.LawStatus, a.CoverImage, a.Featured, a.Fields,
        a.Kind == ArticleKinds.Law ? LawSections.Split(ArticleBodies.ToPlainText(a.Body, a.Format)) : []);

    public static ArticleListItem ToListItem(this Article a, Township t) => new(
        a.Id, a.Title, a.Summary ?? ArticleBodies.Excerpt(ArticleBodies.ToPlainText(a.Body, a.Format), 80), a.Category, a.Tags, a.Kind, a.Status,
        a.PublishedAt is { } p ? Local(t, p) : null, a.ViewCount, a.CoverImage, a.Featured);
}
