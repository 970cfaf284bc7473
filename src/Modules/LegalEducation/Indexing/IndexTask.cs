using System.Threading.Channels;
using Zhizhi.Orchard.LegalEducation.Data;

namespace Zhizhi.Orchard.LegalEducation.Indexing;

/// <summary>
/// A pending change to the search index, written by the same SaveChanges as the article change, so a
/// crash between the two is impossible; the indexer deletes it once the index has it.
/// </summary>
public sealed class IndexTask
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public required string Action { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Set when the task belongs to a full rebuild (its progress counts these).</summary>
    public int? RebuildId { get; set; }
}

internal static class IndexActions
{
    public const string Upsert = "upsert";
    public const string Delete = "delete";
}

/// <summary>Wakes the indexer for a township right after a save (the periodic sweep is the safety net).</summary>
public sealed class IndexSignal
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<string> Reader => _channel.Reader;

    public void Notify(string township) => _channel.Writer.TryWrite(township);
}

internal static class IndexQueue
{
    /// <summary>Adds a task when the township searches (feature Search); enabling Search later queues a full rebuild.</summary>
    public static void Enqueue(LegalDbContext db, Township township, int articleId, string action, DateTime utcNow)
    {
        if (!township.IsEnabled(LegalFeatures.Search)) return;
        db.IndexTasks.Add(new IndexTask { ArticleId = articleId, Action = action, CreatedAt = utcNow });
    }
}
