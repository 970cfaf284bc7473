using Microsoft.AspNetCore.OutputCaching;
using Zhizhi.Orchard.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Townships.Data;
using Zhizhi.Orchard.Townships.Notices;

namespace Zhizhi.Orchard.Townships.Pages.Notices;

[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, ITownshipAccessor townships) : PageModel
{
    public Township Township => townships.Current;
    public IReadOnlyList<Notice> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await PublishNotice.Latest(db, clock, 100).ToListAsync(ct);
}
