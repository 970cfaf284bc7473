using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Zhizhi.Orchard.LegalEducation.Searching;

namespace Zhizhi.Orchard.LegalEducation.Indexing;

/// <summary>
/// The open Lucene indexes, one per township, opened on first use and closed when idle, so a thousand
/// quiet townships hold no writers or file handles. A lease keeps an index open while it is used.
/// Opening and closing happen under one lock (rare, milliseconds); searching and writing do not.
/// </summary>
internal sealed partial class LuceneRegistry(ITownshipFiles files, TimeProvider clock, ILogger<LuceneRegistry> logger) : IDisposable
{
    public const string Area = "lucene";

    private readonly System.Threading.Lock _gate = new();
    private readonly Dictionary<string, OpenIndex> _open = new(StringComparer.Ordinal);
    private bool _disposed;

    internal sealed class OpenIndex(FSDirectory directory, IndexWriter writer, SearcherManager searchers) : IDisposable
    {
        public IndexWriter Writer { get; } = writer;
        public SearcherManager Searchers { get; } = searchers;
        public int Users;
        public long LastUsed;

        public void Dispose()
        {
            Searchers.Dispose();
            Writer.Dispose();
            directory.Dispose();
        }
    }

    public readonly struct Lease(LuceneRegistry registry, OpenIndex index) : IDisposable
    {
        public IndexWriter Writer => index.Writer;
        public SearcherManager Searchers => index.Searchers;

        public void Dispose() => registry.Release(index);
    }

    public int OpenCount
    {
        get { lock (_gate) return _open.Count; }
    }

    public Lease Acquire(Township township)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_open.TryGetValue(township.Name, out var index))
            {
                index = Open(files.Folder(township, Area));
                _open[township.Name] = index;
            }
            index.Users++;
            index.LastUsed = clock.GetTimestamp();
            return new Lease(this, index);
        }
    }

    private void Release(OpenIndex index)
    {
        lock (_gate)
        {
            index.Users--;
            index.LastUsed = clock.GetTimestamp();
        }
    }

    private static OpenIndex Open(string folder)
    {
        var directory = FSDirectory.Open(folder);
        var config = new IndexWriterConfig(LegalAnalysis.Version, LegalAnalysis.Analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND };
        var writer = new IndexWriter(directory, config);
        return new OpenIndex(directory, writer, new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null));
    }

    /// <summary>Closes the indexes nobody used for <paramref name="idle"/>.</summary>
    public int CloseIdle(TimeSpan idle)
    {
        List<(string Name, OpenIndex Index)> closing;
        lock (_gate)
        {
            closing = [.. _open.Where(e => e.Value.Users == 0 && clock.GetElapsedTime(e.Value.LastUsed) > idle).Select(e => (e.Key, e.Value))];
            foreach (var (name, index) in closing)
            {
                _open.Remove(name);
                Close(name, index);
            }
        }
        return closing.Count;
    }

    /// <summary>Closes one township's index if nobody uses it (e.g. before its folder is removed).</summary>
    public bool TryClose(string township)
    {
        lock (_gate)
        {
            if (!_open.TryGetValue(township, out var index) || index.Users > 0) return false;
            _open.Remove(township);
            Close(township, index);
            return true;
        }
    }

    private void Close(string name, OpenIndex index)
    {
        try
        {
            index.Dispose();
        }
        catch (Exception ex)
        {
            LogCloseFailed(logger, ex, name);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var (name, index) in _open) Close(name, index);
            _open.Clear();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Closing the Lucene index of township {Township} failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception ex, string township);
}
