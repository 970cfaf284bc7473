using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Indexing;

namespace Zhizhi.Orchard.LegalEducation.Articles;

/// <summary>Creates a draft, or replaces an article's content; every save is kept as a version.</summary>
public sealed class SaveArticle(LegalDbContext db, Categories.CategoryList categories, TimeProvider clock, ITownshipAccessor townships, IndexSignal signal, IOutputCacheStore cache, Media.LegalMedia media)
{
    private List<Fields.FieldDefinition>? _definitions;

    private async Task<List<Fields.FieldDefinition>> DefinitionsAsync(CancellationToken ct)
        => _definitions ??= await db.FieldDefinitions.AsNoTracking().OrderBy(f => f.Order).ThenBy(f => f.Id).ToListAsync(ct);

    public async Task<Validation> ValidateAsync(ArticleRequest request, CancellationToken ct)
    {
        var v = ArticleRules.Validate(request, await categories.NamesAsync(ct), await DefinitionsAsync(ct));
        if (request.CoverImage is not null && v.IsValid && !media.Exists(townships.Current, request.CoverImage))
            v.Add("coverImage", "封面图片不存在,请重新上传");
        return v;
    }

    public async Task<Article> CreateAsync(ArticleRequest r, string? user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = new Article
        {
            Title = "", Body = "", Format = ArticleFormats.Markdown, Category = "",
            CreatedAt = now, CreatedBy = user,
        };
        Apply(article, r, await DefinitionsAsync(ct), user, now);
        db.Articles.Add(article);
        await db.SaveChangesAsync(ct);
        // The version row needs the article's id; a draft is invisible, so two commits are harmless here.
        db.Versions.Add(VersionOf(article));
        await db.SaveChangesAsync(ct);
        return article;
    }

    /// <returns>The updated article, or null when there is none with that id.</returns>
    public async Task<Article?> UpdateAsync(int id, ArticleRequest r, string? user, CancellationToken ct)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        Apply(article, r, await DefinitionsAsync(ct), user, now);
        db.Versions.Add(VersionOf(article));
        if (article.IsPublished) IndexQueue.Enqueue(db, townships.Current, article.Id, IndexActions.Upsert, now);
        await db.SaveChangesAsync(ct);
        if (article.IsPublished) await AfterPublicChangeAsync(ct);
        return article;
    }

    private async Task AfterPublicChangeAsync(CancellationToken ct)
    {
        signal.Notify(townships.Current.Name);
        await PublicPageCache.EvictAsync(cache, townships.Current, ct);
    }

    private static void Apply(Article article, ArticleRequest r, IReadOnlyList<Fields.FieldDefinition> definitions, string? user, DateTime now)
    {
        article.Format = r.Format ?? ArticleFormats.Markdown;
        article.Title = r.Title!.Trim();
        article.Body = article.Format == ArticleFormats.Html ? ArticleBodies.Sanitize(r.Body!) : r.Body!.Trim();
        article.Summary = string.IsNullOrWhiteSpace(r.Summary) ? null : r.Summary.Trim();
        article.Category = r.Category!.Trim();
        article.Tags = ArticleRules.CleanTags(r.Tags);
        article.Audience = r.Audience;
        article.Kind = r.Kind ?? ArticleKinds.Article;
        article.LawIssuer = string.IsNullOrWhiteSpace(r.LawIssuer) ? null : r.LawIssuer.Trim();
        article.LawEffectiveDate = r.LawEffectiveDate is not null && ArticleRules.TryParseDate(r.LawEffectiveDate, out var effective) ? effective : null;
        article.LawStatus = r.LawStatus;
        article.CoverImage = r.CoverImage;
        // Left out of a PUT, featured keeps its value (it is set from the list, not only in the editor).
        if (r.Featured is { } featured) article.Featured = featured;
        article.Fields = Fields.FieldRules.Check(r.Fields, [.. definitions.Where(d => d.Kind == article.Kind)], new Validation());
        article.UpdatedAt = now;
        article.UpdatedBy = user;
        article.Version++;
    }

    internal static ArticleVersion VersionOf(Article a) => new()
    {
        ArticleId = a.Id, Number = a.Version, Title = a.Title, Body = a.Body, Format = a.Format,
        SavedBy = a.UpdatedBy, SavedAt = a.UpdatedAt,
        Fields = new Dictionary<string, string>(a.Fields), Category = a.Category, Tags = [.. a.Tags], Audience = a.Audience, CoverImage = a.CoverImage,
    };
}

/// <summary>Publishes or withdraws an article: the change and its index task commit together.</summary>
public sealed class ChangeArticleStatus(LegalDbContext db, TimeProvider clock, ITownshipAccessor townships, IndexSignal signal, IOutputCacheStore cache)
{
    public enum Outcome { Done, NotFound, AlreadyThere }

    /// <param name="publishedAt">
    /// When the article becomes public: a future time schedules it (it stays invisible until then), a past one
    /// is the date of imported content; when omitted, now (or the article's earlier date if it was public before).
    /// </param>
    public async Task<(Outcome Outcome, Article? Article)> PublishAsync(int id, CancellationToken ct, DateTime? publishedAt = null) => await ChangeAsync(id, publish: true, publishedAt, ct);

    public async Task<(Outcome Outcome, Article? Article)> UnpublishAsync(int id, CancellationToken ct) => await ChangeAsync(id, publish: false, null, ct);

    private async Task<(Outcome, Article?)> ChangeAsync(int id, bool publish, DateTime? publishedAt, CancellationToken ct)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return (Outcome.NotFound, null);
        if (article.IsPublished == publish) return (Outcome.AlreadyThere, article);
        var now = clock.GetUtcNow().UtcDateTime;
        article.Status = publish ? ArticleStatus.Published : ArticleStatus.Draft;
        // An explicit time wins (scheduled publishing, imports); a republished article keeps its first date.
        if (publish) article.PublishedAt = publishedAt ?? article.PublishedAt ?? now;
        // Withdrawn before its time: it was never public, so it has no publication date to keep.
        else if (article.PublishedAt > now) article.PublishedAt = null;
        IndexQueue.Enqueue(db, townships.Current, article.Id, publish ? IndexActions.Upsert : IndexActions.Delete, now);
        await db.SaveChangesAsync(ct);
        signal.Notify(townships.Current.Name);
        await PublicPageCache.EvictAsync(cache, townships.Current, ct);
        return (Outcome.Done, article);
    }
}
