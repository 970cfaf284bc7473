using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Searching;

namespace Zhizhi.Orchard.LegalEducation.Indexing;

/// <summary>
/// Applies the durable index tasks to the township's Lucene index, off the request path. Woken by a
/// signal after each save; after a start it sweeps every searching township once (a crash or a stop
/// may have left tasks), and periodically it retries townships whose tasks failed and closes idle
/// indexes. A task is deleted only after the index that contains its change is committed, so a
/// restart loses nothing (at worst a task is applied twice, which is harmless: the article's current
/// state is what gets indexed).
/// </summary>
internal sealed partial class LegalIndexer(
    IndexSignal signal,
    LuceneRegistry registry,
    ITownshipManager townships,
    ITownshipScopeFactory scopes,
    IOutputCacheStore cache,
    TimeProvider clock,
    ILogger<LegalIndexer> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan IdleClose = TimeSpan.FromMinutes(5);
    private const int Batch = 200;

    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _retry = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _paused = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = SweepLoopAsync(stoppingToken);
        await foreach (var township in signal.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ProcessAsync(township, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _retry[township] = 0;
                LogFailed(logger, ex, township);
            }
        }
    }

    private async Task SweepLoopAsync(CancellationToken ct)
    {
        try
        {
            SweepAll();
            using var timer = new PeriodicTimer(SweepInterval);
            while (await timer.WaitForNextTickAsync(ct))
            {
                foreach (var name in _retry.Keys)
                {
                    _retry.TryRemove(name, out _);
                    signal.Notify(name);
                }
                registry.CloseIdle(IdleClose);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Looks at every running township that searches: what a start does, as tasks may be left over.</summary>
    internal void SweepAll()
    {
        foreach (var township in townships.List().Where(t => t.State == TownshipState.Running && t.IsEnabled(LegalFeatures.Search)))
            signal.Notify(township.Name);
    }

    /// <summary>For tests: leaves a township's tasks untouched, as if the indexer were stopped.</summary>
    internal IDisposable Pause(string township)
    {
        _paused[township] = 0;
        return new Resume(() => _paused.TryRemove(township, out _));
    }

    private sealed class Resume(Action resume) : IDisposable
    {
        public void Dispose() => resume();
    }

    /// <summary>Applies every pending task of the township; returns how many tasks were done.</summary>
    internal async Task<int> ProcessAsync(string name, CancellationToken ct)
    {
        if (_paused.ContainsKey(name)) return 0;
        if (townships.Find(name) is not { State: TownshipState.Running } township || !township.IsEnabled(LegalFeatures.Search)) return 0;
        await _one.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateScope(township);
            var db = scope.ServiceProvider.GetRequiredService<LegalDbContext>();
            var done = 0;
            while (!_paused.ContainsKey(name))
            {
                var tasks = await db.IndexTasks.AsNoTracking().OrderBy(t => t.Id).Take(Batch).ToListAsync(ct);
                if (tasks.Count == 0) break;
                var ids = tasks.Select(t => t.ArticleId).Distinct().ToList();
                var articles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
                // Fields are indexed under the label an admin gave them (an edited label reindexes the kind's articles).
                var labels = (await db.FieldDefinitions.AsNoTracking().Where(f => f.Label != null).Select(f => new { f.Kind, f.Name, f.Label }).ToListAsync(ct))
                    .ToDictionary(f => (f.Kind, f.Name), f => f.Label!);
                using (var index = registry.Acquire(township))
                {
                    foreach (var id in ids)
                    {
                        var key = new Term(LegalAnalysis.Fields.Id, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        // The article's current state decides, whatever the task said: tasks may arrive twice or late.
                        // An article is one document, and a law text one more per 条; all carry the article's id.
                        if (articles.TryGetValue(id, out var article) && article.IsPublished) index.Writer.UpdateDocuments(key, ToDocuments(article, labels));
                        else index.Writer.DeleteDocuments(key);
                    }
                    index.Writer.Commit();
                    index.Searchers.MaybeRefreshBlocking();
                }
                var taskIds = tasks.Select(t => t.Id).ToList();
                await db.IndexTasks.Where(t => taskIds.Contains(t.Id)).ExecuteDeleteAsync(ct);
                done += tasks.Count;
                foreach (var rebuild in tasks.Where(t => t.RebuildId is not null).Select(t => t.RebuildId!.Value).Distinct())
                {
                    if (await db.IndexTasks.AnyAsync(t => t.RebuildId == rebuild, ct)) continue;
                    var now = clock.GetUtcNow().UtcDateTime;
                    await db.Rebuilds.Where(r => r.Id == rebuild && r.Running != null)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.Running, (int?)null).SetProperty(r => r.FinishedAt, now), ct);
                }
            }
            if (done > 0) await PublicPageCache.EvictAsync(cache, township, ct);
            return done;
        }
        finally
        {
            _one.Release();
        }
    }

    internal static List<Document> ToDocuments(Article a, IReadOnlyDictionary<(string Kind, string Name), string>? labels = null)
    {
        var text = ArticleBodies.ToPlainText(a.Body, a.Format);
        // The admin-defined fields and the law's metadata are searchable as "label:value" lines in the body.
        var extra = a.Fields.Select(f => $"{labels?.GetValueOrDefault((a.Kind, f.Key)) ?? f.Key}:{f.Value}")
            .Concat(a.Kind == ArticleKinds.Law ? new[] { a.LawIssuer, a.LawStatus }.OfType<string>() : []);
        var documents = new List<Document>
        {
            Document(a, a.Title, string.Join("\n", [a.Summary, string.Join(" ", a.Tags), .. extra, text]).Trim(), null),
        };
        if (a.Kind == ArticleKinds.Law)
            documents.AddRange(LawSections.Split(text).Select(s => Document(a, $"{a.Title} {s.Label}", s.Text, s.Number)));
        return documents;
    }

    private static Document Document(Article a, string title, string body, int? section)
    {
        var doc = new Document
        {
            new StringField(LegalAnalysis.Fields.Id, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.YES),
            new StringField(LegalAnalysis.Fields.Category, a.Category, Field.Store.YES),
            new StringField(LegalAnalysis.Fields.Kind, a.Kind, Field.Store.YES),
            new Int64Field(LegalAnalysis.Fields.Published, (a.PublishedAt ?? DateTime.MinValue).Ticks, Field.Store.NO),
            new TextField(LegalAnalysis.Fields.Title, title, Field.Store.YES),
            new TextField(LegalAnalysis.Fields.Body, body, Field.Store.YES),
        };
        if (section is { } n) doc.Add(new StoredField(LegalAnalysis.Fields.Section, n));
        return doc;
    }

    public override void Dispose()
    {
        _one.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Error, "Indexing legal articles of township {Township} failed; the tasks stay and are retried")]
    private static partial void LogFailed(ILogger logger, Exception ex, string township);
}
