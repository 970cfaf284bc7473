using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.Theming;

namespace Zhizhi.Orchard.LegalEducation.Articles;

/// <summary>The home page's 普法 block: the featured articles (推荐), else the latest ones.</summary>
internal sealed class FeaturedOnHome(LegalDbContext db, ITownshipAccessor townships, TimeProvider clock) : IHomeSection
{
    public const int Size = 4;

    public int Order => 30;

    public string PartialView => "/Areas/LegalEducation/Pages/_HomeFeatured.cshtml";

    public async Task<object?> LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var featured = await ArticleQueries.Published(db, now).Where(a => a.Featured)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(Size).ToListAsync(ct);
        var items = featured.Count > 0 ? featured
            : await ArticleQueries.Published(db, now).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(Size).ToListAsync(ct);
        if (items.Count == 0) return null;
        var township = townships.Current;
        return new HomeFeatured(featured.Count > 0, [.. items.Select(a => a.ToListItem(township))]);
    }
}

public sealed record HomeFeatured(bool Featured, IReadOnlyList<ArticleListItem> Items);
