using Microsoft.AspNetCore.OutputCaching;
using Zhizhi.Orchard.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Townships.Data;
using Zhizhi.Orchard.Townships.Notices;

namespace Zhizhi.Orchard.Townships.Pages.Notices;

[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class DetailModel(PortalDbContext db, TimeProvider clock, ITownshipAccessor townships) : PageModel
{
    public Township Township => townships.Current;
    public Notice Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var notice = await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.PublishedAt <= now, ct);
        if (notice is null) return NotFound();
        Notice = notice;
        return Page();
    }
}
