using Microsoft.AspNetCore.OutputCaching;
using Zhizhi.Orchard.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Townships.Data;
using Zhizhi.Orchard.Townships.Notices;
using Zhizhi.Orchard.Townships.Villages;

namespace Zhizhi.Orchard.Townships.Pages;

/// <summary>The county portal on the host; the township home everywhere else.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(ITownshipAccessor townships, ITownshipManager manager, IServiceProvider services, TimeProvider clock) : PageModel
{
    public Township Township => townships.Current;
    public IReadOnlyList<Township> Townships { get; private set; } = [];
    public IReadOnlyList<Notice> Notices { get; private set; } = [];
    public IReadOnlyList<Village> Villages { get; private set; } = [];

    public DateTime Local(DateTime utc) => TownshipTime.ToLocal(Township, utc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Township.IsHost)
        {
            Townships = [.. manager.List().Where(t => !t.IsHost && t.State == TownshipState.Running)];
            return;
        }
        var db = services.GetRequiredService<PortalDbContext>();
        Notices = await PublishNotice.Latest(db, clock, 6).ToListAsync(ct);
        Villages = await db.Villages.AsNoTracking().ToListAsync(ct);
    }
}
