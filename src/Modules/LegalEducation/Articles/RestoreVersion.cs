using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Indexing;

namespace Zhizhi.Orchard.LegalEducation.Articles;

/// <summary>
/// Brings back an old version's title, body, field values, category, tags, audience and cover as a new version: history
/// is never rewritten, so the restore itself shows in the version list (who restored what, and when). Versions saved
/// before values were kept restore title and body only. A category deleted since, a cover no longer in the media folder
/// and field values the current definitions refuse (a field removed, a choice withdrawn) are left as they are now.
/// </summary>
public sealed class RestoreVersion(LegalDbContext db, TimeProvider clock, ITownshipAccessor townships, IndexSignal signal, IOutputCacheStore cache,
    Categories.CategoryList categories, Media.LegalMedia media)
{
    /// <returns>The article after the restore, or null when the article or that version does not exist.</returns>
    public async Task<Article?> RestoreAsync(int articleId, int number, string? user, CancellationToken ct)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, ct);
        if (article is null) return null;
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == articleId && v.Number == number, ct);
        if (version is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        article.Title = version.Title;
        article.Body = version.Format == ArticleFormats.Html ? ArticleBodies.Sanitize(version.Body) : version.Body;
        article.Format = version.Format;
        if (version.Category is { } category && (await categories.NamesAsync(ct)).Contains(category)) article.Category = category;
        if (version.Tags is { } tags) article.Tags = [.. tags];
        if (version.Category is not null) article.Audience = version.Audience;
        if (version.Category is not null && (version.CoverImage is null || media.Exists(townships.Current, version.CoverImage))) article.CoverImage = version.CoverImage;
        if (version.Fields is { } values)
        {
            var definitions = await db.FieldDefinitions.AsNoTracking().Where(f => f.Kind == article.Kind).ToListAsync(ct);
            var restored = Fields.FieldRules.Check(values.ToDictionary(v => v.Key, v => (string?)v.Value), definitions, new Validation());
            // Values of fields defined now but not in the version are cleared, as they were then; unknown ones are dropped.
            article.Fields = restored;
        }
        article.UpdatedAt = now;
        article.UpdatedBy = user;
        article.Version++;
        db.Versions.Add(SaveArticle.VersionOf(article));
        if (article.IsPublished) IndexQueue.Enqueue(db, townships.Current, article.Id, IndexActions.Upsert, now);
        await db.SaveChangesAsync(ct);
        if (article.IsPublished)
        {
            signal.Notify(townships.Current.Name);
            await PublicPageCache.EvictAsync(cache, townships.Current, ct);
        }
        return article;
    }
}
