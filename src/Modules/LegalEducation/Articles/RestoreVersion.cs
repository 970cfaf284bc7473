using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Indexing;

namespace Zhizhi.Orchard.LegalEducation.Articles;

/// <summary>
/// Brings back an old version's title and body as a new version: history is never rewritten, so the
/// restore itself shows in the version list (who restored what, and when). Category, tags and the other
/// settings are not versioned and stay as they are.
/// </summary>
public sealed class RestoreVersion(LegalDbContext db, TimeProvider clock, ITownshipAccessor townships, IndexSignal signal, IOutputCacheStore cache)
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
