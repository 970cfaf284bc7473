using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Data;

namespace Zhizhi.Orchard.LegalEducation.Articles;

/// <summary>Page numbers from a query string, checked with Chinese messages (the binder's own errors are English).</summary>
internal readonly record struct Paging(int Page, int PageSize)
{
    public const int MaxPageSize = 100;
    public const int MaxPage = 10_000;

    public int Skip => (Page - 1) * PageSize;

    public static Paging Parse(string? page, string? pageSize, int defaultSize, Validation v)
    {
        var p = ParseOne(page, 1, MaxPage, "page", "页码", v);
        var s = ParseOne(pageSize, defaultSize, MaxPageSize, "pageSize", "每页条数", v);
        return new Paging(p, s);
    }

    private static int ParseOne(string? text, int fallback, int max, string field, string label, Validation v)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max) return n;
        v.Add(field, $"{label}须为 1 到 {max} 之间的整数");
        return fallback;
    }
}

internal static class ArticleQueries
{
    /// <summary>What the public sees: published articles whose publication time has come (scheduled ones appear by themselves).</summary>
    public static IQueryable<Article> Published(LegalDbContext db, DateTime utcNow)
        => db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= utcNow);

    /// <summary>When the next scheduled article becomes public, if any: cached pages must not outlive it.</summary>
    public static Task<DateTime?> NextScheduledAsync(LegalDbContext db, DateTime utcNow, CancellationToken ct)
        => db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > utcNow)
            .OrderBy(a => a.PublishedAt).Select(a => a.PublishedAt).FirstOrDefaultAsync(ct);

    public static async Task<(int Total, List<Article> Items)> ListAsync(LegalDbContext db, string? category, Paging paging, bool includeDrafts, DateTime utcNow, CancellationToken ct, bool? featured = null, string? kind = null)
    {
        var query = includeDrafts ? db.Articles.AsNoTracking() : Published(db, utcNow);
        if (category is not null) query = query.Where(a => a.Category == category);
        if (featured is { } f) query = query.Where(a => a.Featured == f);
        if (kind is not null) query = query.Where(a => a.Kind == kind);
        var total = await query.CountAsync(ct);
        var items = await query
            .OrderByDescending(a => a.PublishedAt ?? a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return (total, items);
    }

    /// <summary>How many recent public articles the related list looks at (kept small: it is scored in memory).</summary>
    public const int RelatedCandidates = 300;

    /// <summary>
    /// Related articles for the article page: among the recent public ones, those sharing the most tags,
    /// then the same category, then the same kind, newest first. Tags are a JSON column, so the scoring
    /// happens here on a bounded set of small rows rather than in SQL.
    /// </summary>
    public static async Task<List<Article>> RelatedAsync(LegalDbContext db, Article article, int take, DateTime utcNow, CancellationToken ct)
    {
        var candidates = await Published(db, utcNow).Where(a => a.Id != article.Id)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(RelatedCandidates)
            .Select(a => new { a.Id, a.Tags, a.Category, a.Kind, a.PublishedAt }).ToListAsync(ct);
        var tags = article.Tags.ToHashSet();
        var chosen = candidates
            .Select(c => (c.Id, c.PublishedAt, Score: 2 * c.Tags.Count(tags.Contains) + (c.Category == article.Category ? 2 : 0) + (c.Kind == article.Kind ? 1 : 0)))
            .Where(c => c.Score >= 2)
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Take(take).Select(c => c.Id).ToList();
        var found = await db.Articles.AsNoTracking().Where(a => chosen.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        return [.. chosen.Where(found.ContainsKey).Select(id => found[id])];
    }
}
