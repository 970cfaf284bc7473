using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.Recipes;

namespace Zhizhi.Orchard.LegalEducation.Indexing;

/// <summary>
/// Enabling Search (again) rebuilds the index in the background: a task for every article (the
/// indexer adds the published ones and removes the rest, which also drops anything withdrawn while
/// Search was off). While Search is off no tasks are written, so nothing piles up.
/// </summary>
internal sealed class SearchSetup(IndexSignal signal, TimeProvider clock) : IFeatureSetup
{
    public string FeatureId => LegalFeatures.Search;

    public async Task OnEnabledAsync(Township township, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<LegalDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var articles = await db.Articles.AsNoTracking().Select(a => a.Id).ToListAsync(ct);
        var queued = (await db.IndexTasks.AsNoTracking().Select(t => t.ArticleId).ToListAsync(ct)).ToHashSet();
        foreach (var id in articles.Where(id => !queued.Contains(id)))
            db.IndexTasks.Add(new IndexTask { ArticleId = id, Action = IndexActions.Upsert, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        signal.Notify(township.Name);
    }
}
