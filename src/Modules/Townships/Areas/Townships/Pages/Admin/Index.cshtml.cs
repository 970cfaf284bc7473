using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Townships.Data;

namespace Zhizhi.Orchard.Townships.Pages.Admin;

[Authorize(Policy = "Admin.Access")]
public sealed class IndexModel(ITownshipAccessor townships, ITownshipManager manager, PortalDbContext db, Modules.IFeatureNames names) : PageModel
{
    public Township Township => townships.Current;
    public IReadOnlyList<Township> Townships { get; private set; } = [];
    public int Villages { get; private set; }
    public int Grids { get; private set; }
    public int Notices { get; private set; }
    public IReadOnlyList<string> EnabledFeatures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Township.IsHost)
        {
            Townships = [.. manager.List().Where(t => !t.IsHost)];
            return;
        }
        Villages = await db.Villages.CountAsync(ct);
        Grids = await db.Villages.SumAsync(v => v.Grids, ct);
        Notices = await db.Notices.CountAsync(ct);
        EnabledFeatures = [.. Township.Features.Select(names.NameOf).Order()];
    }
}
