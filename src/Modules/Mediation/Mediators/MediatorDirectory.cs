using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Contracts;
using Zhizhi.Orchard.Mediation.Data;

namespace Zhizhi.Orchard.Mediation.Mediators;

internal sealed class MediatorDirectory(IServiceProvider services, ITownshipAccessor townships) : IMediatorDirectory
{
    public bool IsAvailable => townships.Current.IsEnabled(MediationFeatures.Mediation);

    public async Task<IReadOnlyList<MediatorInfo>> MediatorsAsync(CancellationToken ct = default)
    {
        if (!IsAvailable) return [];
        // Resolved only here: in a township without the feature the mediation tables may not exist.
        var db = (MediationDbContext)services.GetService(typeof(MediationDbContext))!;
        var all = await db.Mediators.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        return [.. all.Select(m => new MediatorInfo(m.Id, m.Name, m.Type, m.Specialties, m.Village, m.VillageGroup, m.Conflicts, m.Active))];
    }
}
