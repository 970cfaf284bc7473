using Microsoft.AspNetCore.OutputCaching;
using Zhizhi.Orchard.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Townships.Data;
using Zhizhi.Orchard.Townships.Villages;

namespace Zhizhi.Orchard.Townships.Pages;

[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class VillagesModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<Village> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await db.Villages.AsNoTracking().OrderBy(v => v.Id).ToListAsync(ct);
}
