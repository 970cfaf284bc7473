using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Indexing;
using Zhizhi.Orchard.LegalEducation.Searching;
using Zhizhi.Orchard.LegalEducation.Seeds;

namespace Zhizhi.Orchard.Benchmarks;

/// <summary>
/// 普法 search at one township's scale: N documents generated from the seed sentences plus the real seed
/// articles, indexed with our Lucene setup (the module's analyzer, documents and query builder, snippets
/// included) and with SQLite FTS5 (trigram tokenizer, bm25 with the title weighted 10×) on the same corpus.
/// Reports indexing docs/s, query latency (p50/p95/p99 over all runs of the 50 queries) and, on a query
/// set labelled from the seeds, precision@5 and how often the labelled article came first.
/// </summary>
internal static partial class SearchBenchmark
{
    private sealed record Labelled(string Query, HashSet<int> Relevant);

    /// <summary>--experiments: also time stored-field loads per directory kind and alternative query shapes (with their precision@5).</summary>
    private static bool Experiments;

    public static int Run(string[] args)
    {
        var count = int.Parse(BareKestrel.Arg(args, "--docs") ?? "100000", CultureInfo.InvariantCulture);
        var rounds = int.Parse(BareKestrel.Arg(args, "--rounds") ?? "20", CultureInfo.InvariantCulture);
        Experiments = args.Contains("--experiments");
        var folder = Path.Combine(Path.GetTempPath(), $"zhizhi-search-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            var (articles, queries) = Corpus(count);
            Console.WriteLine($"search: {articles.Count} documents ({articles.Count - count} seed articles among them), {queries.Count} labelled queries, {rounds} rounds");
            var lucene = RunLucene(Path.Combine(folder, "lucene"), articles, queries, rounds);
            var fts = RunFts(Path.Combine(folder, "fts.db"), articles, queries, rounds);
            Console.WriteLine();
            Console.WriteLine("| engine | indexing docs/s | p50 ms | p95 ms | p99 ms | precision@5 | labelled first | queries with no hit |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var r in new[] { lucene, fts })
                Console.WriteLine($"| {r.Engine} | {r.DocsPerSecond:F0} | {r.P50:F2} | {r.P95:F2} | {r.P99:F2} | {r.PrecisionAt5:F3} | {r.FirstHits}/{queries.Count} | {r.Empty} |");
            return 0;
        }
        finally
        {
            try { System.IO.Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record Result(string Engine, double DocsPerSecond, double P50, double P95, double P99, double PrecisionAt5, int FirstHits, int Empty);

    /// <summary>
    /// The seed articles (ids 1..k) and <paramref name="count"/> generated ones made of random seed sentences,
    /// with titles cut from body sentences (never from seed titles), so the labelled answers are the seeds.
    /// </summary>
    private static (List<Article> Articles, List<Labelled> Queries) Corpus(int count)
    {
        var seeds = SeedDocuments.All();
        var now = DateTime.UtcNow.AddDays(-1);
        var articles = new List<Article>();
        foreach (var seed in seeds)
            articles.Add(new Article
            {
                Id = articles.Count + 1, Title = seed.Title, Body = seed.Body, Format = seed.Format, Category = seed.Category,
                Tags = [.. seed.Tags], Kind = seed.Kind, Status = "published", PublishedAt = seed.Date ?? now,
            });
        var sentences = seeds.SelectMany(s => SentenceEnd().Split(ArticleBodies.ToPlainText(s.Body, s.Format)))
            .Select(s => s.Trim()).Where(s => s.Length >= 8).Distinct().ToArray();
        var random = new Random(42);
        var categories = Zhizhi.Orchard.LegalEducation.Categories.DefaultCategories.Names;
        for (var i = 0; i < count; i++)
        {
            var first = sentences[random.Next(sentences.Length)];
            var body = string.Join("。", Enumerable.Range(0, random.Next(5, 16)).Select(_ => sentences[random.Next(sentences.Length)])) + "。";
            articles.Add(new Article
            {
                Id = articles.Count + 1, Title = first[..Math.Min(first.Length, random.Next(8, 21))], Body = body, Format = "markdown",
                Category = categories[random.Next(categories.Length)], Status = "published", PublishedAt = now.AddMinutes(-i),
            });
        }
        return (articles, Queries(articles.Take(seeds.Count).ToList()));
    }

    /// <summary>
    /// 50 queries: three a resident would type for the written articles, then phrases of 2-8 characters
    /// cut from the seed titles; each is labelled with the seed articles whose title contains it (the
    /// articles that should come first).
    /// </summary>
    private static List<Labelled> Queries(List<Article> seeds)
    {
        var phrases = new List<string> { "赡养纠纷", "人民调解", "邻里纠纷" };
        foreach (var seed in seeds)
            foreach (var part in TitleBreak().Split(seed.Title).Select(p => p.Trim()))
            {
                if (part.Length is >= 2 and <= 8) phrases.Add(part);
                else if (part.Length > 8) { phrases.Add(part[..4]); phrases.Add(part[^4..]); }
            }
        var labelled = new List<Labelled>();
        foreach (var phrase in phrases.Distinct())
        {
            var relevant = seeds.Where(s => s.Title.Contains(phrase[..Math.Min(2, phrase.Length)], StringComparison.Ordinal) && Overlap(s.Title, phrase)).Select(s => s.Id).ToHashSet();
            if (relevant.Count is > 0 and <= 5) labelled.Add(new Labelled(phrase, relevant));
            if (labelled.Count == 50) break;
        }
        return labelled;
    }

    /// <summary>The title has the phrase, or (for the typed queries) every one of its two-character words.</summary>
    private static bool Overlap(string title, string phrase)
        => title.Contains(phrase, StringComparison.Ordinal) || (phrase.Length == 4 && title.Contains(phrase[..2], StringComparison.Ordinal) && title.Contains(phrase[2..], StringComparison.Ordinal));

    private static Result RunLucene(string folder, List<Article> articles, List<Labelled> queries, int rounds)
    {
        using var directory = FSDirectory.Open(folder);
        var config = new IndexWriterConfig(LegalAnalysis.Version, LegalAnalysis.Analyzer) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 64 };
        using var writer = new IndexWriter(directory, config);
        var sw = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var article in articles) writer.AddDocuments(LegalIndexer.ToDocuments(article));
        writer.Commit();
        var docsPerSecond = articles.Count / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"lucene: indexed {articles.Count} in {sw.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU ({articles.Count / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F0} docs per CPU-second)");
        using var searchers = new SearcherManager(writer, true, null);
        // Where a query's time goes: Stopwatch ticks per stage, summed over the timed runs.
        long build = 0, search = 0, stored = 0, snippets = 0, runs = 0;
        List<int> Search(string q)
        {
            runs++;
            var t0 = Stopwatch.GetTimestamp();
            var query = LegalQuery.Build(q)!;
            var needles = LegalQuery.Needles(q);
            var searcher = searchers.Acquire();
            try
            {
                var t1 = Stopwatch.GetTimestamp();
                var top = searcher.Search(SearchArticles.Restrict(query, null, DateTime.UtcNow), 10);
                var t2 = Stopwatch.GetTimestamp();
                var ids = new List<int>();
                long load = 0, snip = 0;
                foreach (var hit in top.ScoreDocs)
                {
                    var t3 = Stopwatch.GetTimestamp();
                    var doc = searcher.Doc(hit.Doc, SearchArticles.HitFields);
                    var body = doc.Get(LegalAnalysis.Fields.Body) ?? "";
                    var t4 = Stopwatch.GetTimestamp();
                    _ = Snippets.Build(body, needles);
                    snip += Stopwatch.GetTimestamp() - t4;
                    load += t4 - t3;
                    ids.Add(int.Parse(doc.Get(LegalAnalysis.Fields.Id), CultureInfo.InvariantCulture));
                }
                build += t1 - t0; search += t2 - t1; stored += load; snippets += snip;
                return ids;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
        var result = Measure("Lucene.Net (CJK bigrams)", docsPerSecond, queries, rounds, Search, () => build = search = stored = snippets = runs = 0);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / runs;
        Console.WriteLine($"lucene stages per query (wall ms): build+needles {Ms(build):F3}, search {Ms(search):F3}, stored fields {Ms(stored):F3}, snippets {Ms(snippets):F3}");
        // The floor: only counting the matches of the same query (no scoring, no top-k, no documents).
        var searcherForCount = searchers.Acquire();
        try
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw0 = Stopwatch.StartNew();
            long matched = 0;
            for (var round = 0; round < rounds; round++)
                foreach (var labelled in queries)
                {
                    var counter = new TotalHitCountCollector();
                    searcherForCount.Search(SearchArticles.Restrict(LegalQuery.Build(labelled.Query)!, null, DateTime.UtcNow), counter);
                    matched += counter.TotalHits;
                }
            var n = (double)rounds * queries.Count;
            Console.WriteLine($"lucene count only: {sw0.Elapsed.TotalMilliseconds / n:F3} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / n:F3} ms CPU per query, {matched / n:F0} matches on average");
        }
        finally
        {
            searchers.Release(searcherForCount);
        }
        if (Experiments)
        {
            StoredFieldExperiment(folder, directory, searchers, queries);
            QueryShapeExperiment(searchers, queries);
        }
        return result;
    }

    private static void QueryShapeExperiment(SearcherManager searchers, List<Labelled> queries)
    {
        Query Shape(string q, bool phrases, bool title, bool bodyPhrase = true)
        {
            var all = new BooleanQuery();
            foreach (var term in LegalQuery.Terms(q))
            {
                var tokens = LegalAnalysis.Tokens(term);
                if (tokens.Count == 0) continue;
                var words = new BooleanQuery();
                foreach (var token in tokens.DistinctBy(t => t.Text))
                {
                    Query body = new TermQuery(new Term(LegalAnalysis.Fields.Body, token.Text));
                    if (title)
                        body = new BooleanQuery(disableCoord: true)
                        {
                            { new TermQuery(new Term(LegalAnalysis.Fields.Title, token.Text)) { Boost = LegalQuery.TitleBoost }, Occur.SHOULD },
                            { body, Occur.SHOULD },
                        };
                    words.Add(body, Occur.SHOULD);
                }
                words.MinimumNumberShouldMatch = LegalQuery.Required(words.Clauses.Count);
                var one = new BooleanQuery { { words, Occur.MUST } };
                if (phrases && tokens.Count > 1)
                {
                    var pb = new PhraseQuery { Boost = LegalQuery.BodyPhraseBoost };
                    var pt = new PhraseQuery { Boost = LegalQuery.TitlePhraseBoost };
                    foreach (var t in tokens) { pb.Add(new Term(LegalAnalysis.Fields.Body, t.Text), t.Position); pt.Add(new Term(LegalAnalysis.Fields.Title, t.Text), t.Position); }
                    if (bodyPhrase) one.Add(pb, Occur.SHOULD);
                    one.Add(pt, Occur.SHOULD);
                }
                all.Add(one, Occur.MUST);
            }
            return all;
        }
        var searcher = searchers.Acquire();
        try
        {
            foreach (var (name, build) in new (string, Func<string, Query>)[]
            {
                ("module", q => LegalQuery.Build(q)!),
                ("same, rebuilt here", q => Shape(q, true, true)),
                ("no phrases", q => Shape(q, false, true)),
                ("title phrase only", q => Shape(q, true, true, bodyPhrase: false)),
                ("no title terms", q => Shape(q, true, false)),
                ("body terms only", q => Shape(q, false, false)),
            })
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var sw0 = Stopwatch.StartNew();
                double precision = 0;
                for (var round = 0; round < 5; round++)
                    foreach (var labelled in queries)
                    {
                        var top = searcher.Search(SearchArticles.Restrict(build(labelled.Query), null, DateTime.UtcNow), 10);
                        if (round == 0)
                        {
                            var ids = top.ScoreDocs.Select(h => int.Parse(searcher.Doc(h.Doc, new HashSet<string> { LegalAnalysis.Fields.Id }).Get(LegalAnalysis.Fields.Id), CultureInfo.InvariantCulture)).Distinct().Take(5);
                            precision += ids.Count(labelled.Relevant.Contains) / (double)Math.Min(5, labelled.Relevant.Count);
                        }
                    }
                Console.WriteLine($"shape {name}: {sw0.Elapsed.TotalMilliseconds / (5.0 * queries.Count):F3} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / (5.0 * queries.Count):F3} ms CPU per search, precision@5 {precision / queries.Count:F3}");
            }
        }
        finally { searchers.Release(searcher); }
    }

    private static void StoredFieldExperiment(string folder, Lucene.Net.Store.Directory directory, SearcherManager searchers, List<Labelled> queries)
    {
        Console.WriteLine($"lucene directory: {directory.GetType().Name}");
        var few = new HashSet<string> { LegalAnalysis.Fields.Id, LegalAnalysis.Fields.Title };
        void Time(string name, IndexSearcher searcher, Action<IndexSearcher, int> load)
        {
            var hits = queries.Select(q => searcher.Search(SearchArticles.Restrict(LegalQuery.Build(q.Query)!, null, DateTime.UtcNow), 10).ScoreDocs).ToList();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw0 = Stopwatch.StartNew();
            for (var round = 0; round < 5; round++)
                foreach (var top in hits)
                    foreach (var hit in top) load(searcher, hit.Doc);
            Console.WriteLine($"stored {name}: {sw0.Elapsed.TotalMilliseconds / (5.0 * hits.Count):F3} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / (5.0 * hits.Count):F3} ms CPU per page of 10");
        }
        var s0 = searchers.Acquire();
        try
        {
            Time("all fields (NRT)", s0, (s, d) => s.Doc(d));
            Time("id+title (NRT)", s0, (s, d) => s.Doc(d, few));
        }
        finally { searchers.Release(s0); }
        using var mmap = new MMapDirectory(new DirectoryInfo(folder));
        using (var reader = DirectoryReader.Open(mmap))
        {
            var s1 = new IndexSearcher(reader);
            Time("all fields (mmap)", s1, (s, d) => s.Doc(d));
        }
        using var nio = new NIOFSDirectory(new DirectoryInfo(folder));
        using (var reader = DirectoryReader.Open(nio))
        {
            var s1 = new IndexSearcher(reader);
            Time("all fields (nio)", s1, (s, d) => s.Doc(d));
            Console.WriteLine($"segments: {reader.Leaves.Count}");
        }
    }

    private static Result RunFts(string file, List<Article> articles, List<Labelled> queries, int rounds)
    {
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='trigram')";
            create.ExecuteNonQuery();
        }
        var sw = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO docs(rowid, title, body) VALUES ($id, $title, $body)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var title = insert.Parameters.Add("$title", SqliteType.Text);
            var body = insert.Parameters.Add("$body", SqliteType.Text);
            foreach (var a in articles)
            {
                id.Value = a.Id;
                title.Value = a.Title;
                body.Value = string.Join("\n", a.Summary, string.Join(" ", a.Tags), ArticleBodies.ToPlainText(a.Body, a.Format));
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        var docsPerSecond = articles.Count / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"fts5: indexed {articles.Count} in {sw.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU ({articles.Count / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F0} docs per CPU-second)");
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT rowid, snippet(docs, 1, '<em>', '</em>', '…', 24) FROM docs WHERE docs MATCH $q ORDER BY bm25(docs, 10.0, 1.0) LIMIT 10";
        var q = select.Parameters.Add("$q", SqliteType.Text);
        List<int> Search(string text)
        {
            // Each space-separated term as a quoted string (a substring for trigram), all required.
            q.Value = string.Join(" ", LegalQuery.Terms(text).Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
            var ids = new List<int>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetInt32(0));
                _ = reader.GetString(1);
            }
            return ids;
        }
        return Measure("SQLite FTS5 (trigram)", docsPerSecond, queries, rounds, Search);
    }

    private static Result Measure(string engine, double docsPerSecond, List<Labelled> queries, int rounds, Func<string, List<int>> search, Action? timing = null)
    {
        // Warm-up until the JIT has tiered the hot paths up (a server runs them for hours): at least three
        // passes and two seconds. One pass was too little: most of the timed runs then went to tier-0 code
        // and to background recompilation, which made Lucene look four times slower than it is.
        var warm = Stopwatch.StartNew();
        for (var pass = 0; pass < 3 || warm.Elapsed < TimeSpan.FromSeconds(2); pass++)
            foreach (var query in queries) search(query.Query);
        timing?.Invoke();
        var latencies = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var round = 0; round < rounds; round++)
            foreach (var query in queries)
            {
                var start = Stopwatch.GetTimestamp();
                search(query.Query);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        Console.WriteLine($"{engine}: {latencies.Count} searches, mean {latencies.Average():F2} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / latencies.Count:F2} ms CPU each");
        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        double precision = 0;
        int first = 0, empty = 0;
        foreach (var query in queries)
        {
            var top = search(query.Query);
            if (top.Count == 0) empty++;
            // A law text can be several hits (the whole law and its 条): an article counts once.
            precision += top.Distinct().Take(5).Count(query.Relevant.Contains) / (double)Math.Min(5, query.Relevant.Count);
            if (top.Count > 0 && query.Relevant.Contains(top[0])) first++;
        }
        return new Result(engine, docsPerSecond, Percentile(0.50), Percentile(0.95), Percentile(0.99), precision / queries.Count, first, empty);
    }

    [GeneratedRegex(@"[。!?;!?;\n]+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\s,,、。::——“”\-_《》()()!?!?·]+")]
    private static partial Regex TitleBreak();
}
