using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Fields;

namespace Zhizhi.Orchard.LegalEducation.Pages;

/// <summary>An article. Not output-cached: every view by a resident is counted (not those of bots and editors).</summary>
public sealed class DetailModel(LegalDbContext db, ITownshipAccessor townships, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public Township Township => townships.Current;
    public ArticleDto Article { get; private set; } = null!;
    public IReadOnlyList<ArticleListItem> Related { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = await ArticleQueries.Published(db, now).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return NotFound();
        if (!ViewCounting.IsBot(Request.Headers.UserAgent) && !await ArticleEndpoints.IsEditorAsync(User, authorization))
        {
            // One atomic increment per view, no read: concurrent readers never lose a count.
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, a => a.ViewCount + 1), ct);
            article.ViewCount++;
        }
        var defined = await db.FieldDefinitions.AsNoTracking().Where(f => f.Kind == article.Kind).OrderBy(f => f.Order).ThenBy(f => f.Id).Select(f => new { f.Name, f.Label }).ToListAsync(ct);
        var dto = article.ToDto(Township);
        // Values of fields an admin has since removed are kept but not shown.
        Article = dto with { Fields = FieldLabels.Shown(defined.Select(f => (f.Name, f.Label)), article.Fields) };
        Related = [.. (await ArticleQueries.RelatedAsync(db, article, 5, now, ct)).Select(a => a.ToListItem(Township))];
        return Page();
    }
}
