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
    /// <summary>Blocks other features add to the home page (partial view and model), in order.</summary>
    public IReadOnlyList<(string View, object Model)> Sections { get; private set; } = [];

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
        var sections = new List<(int Order, string View, object Model)>();
        foreach (var registration in services.GetServices<Zhizhi.Orchard.Theming.HomeSectionRegistration>().Where(r => Township.IsEnabled(r.FeatureId)))
        {
            var section = (Zhizhi.Orchard.Theming.IHomeSection)services.GetRequiredService(registration.SectionType);
            if (await section.LoadAsync(ct) is { } model) sections.Add((section.Order, section.PartialView, model));
        }
        Sections = [.. sections.OrderBy(s => s.Order).Select(s => (s.View, s.Model))];
    }
}
