using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Categories;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Searching;

namespace Zhizhi.Orchard.LegalEducation.Pages;

[OutputCache(PolicyName = PublicPageCache.Policy, VaryByQueryKeys = ["category", "q", "page"])]
public sealed class IndexModel(LegalDbContext db, CategoryList categoryList, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public const int PageSize = 10;

    public Township Township => townships.Current;
    public bool CanSearch => Township.IsEnabled(LegalFeatures.Search);
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public IReadOnlyList<ArticleListItem> Items { get; private set; } = [];
    public SearchResult? Results { get; private set; }
    public int Total { get; private set; }
    public string? Error { get; private set; }

    public string? Category { get; private set; }
    public string? Query { get; private set; }

    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Read from the query string by hand: "page" is also Razor Pages' own route value.
        Category = NullIfEmpty(Request.Query["category"]);
        Query = NullIfEmpty(Request.Query["q"]);
        Categories = await categoryList.NamesAsync(ct);
        var v = new Validation();
        var paging = Paging.Parse(NullIfEmpty(Request.Query["page"]), null, PageSize, v);
        if (Category is not null && !Categories.Contains(Category)) v.Add("category", $"未知的分类“{Category}”");
        if (CanSearch && Query is not null) SearchArticles.Validate(Query, v);
        if (!v.IsValid)
        {
            Error = string.Join(";", v.Errors.SelectMany(e => e.Value));
            Response.StatusCode = 400;
            return;
        }
        PageNumber = paging.Page;
        var now = clock.GetUtcNow().UtcDateTime;
        await ExpireWithNextScheduledAsync(now, ct);
        if (CanSearch && !string.IsNullOrWhiteSpace(Query))
        {
            if (paging.Skip + paging.PageSize > SearchArticles.MaxResults) paging = new Paging(1, PageSize);
            Results = await HttpContext.RequestServices.GetRequiredService<SearchArticles>().SearchAsync(Query.Trim(), Category, paging, ct);
            Total = Results.Total;
            return;
        }
        var (total, items) = await ArticleQueries.ListAsync(db, Category, paging, includeDrafts: false, now, ct);
        Total = total;
        Items = [.. items.Select(a => a.ToListItem(Township))];
    }

    /// <summary>
    /// A cached copy of this page must not outlive the next scheduled publication, or the article would
    /// appear late: nobody acts when its time comes, so there is no eviction to rely on.
    /// </summary>
    private async Task ExpireWithNextScheduledAsync(DateTime now, CancellationToken ct)
    {
        if (HttpContext.Features.Get<IOutputCacheFeature>() is not { } caching) return;
        if (await ArticleQueries.NextScheduledAsync(db, now, ct) is not { } next) return;
        var untilNext = next - now;
        if (caching.Context.ResponseExpirationTimeSpan is { } expiry && untilNext >= expiry) return;
        if (untilNext < TimeSpan.FromSeconds(1)) caching.Context.AllowCacheStorage = false;
        else caching.Context.ResponseExpirationTimeSpan = untilNext;
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrEmpty(value) ? null : value.ToString();

    public string Link(string? category, string? q, int page)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(category)) parts.Add("category=" + Uri.EscapeDataString(category));
        if (!string.IsNullOrEmpty(q)) parts.Add("q=" + Uri.EscapeDataString(q));
        if (page > 1) parts.Add("page=" + page);
        return Url.Content("~/legal") + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }
}
