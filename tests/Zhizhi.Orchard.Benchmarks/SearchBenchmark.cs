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

    public static int Run(string[] args)
    {
        var count = int.Parse(BareKestrel.Arg(args, "--docs") ?? "100000", CultureInfo.InvariantCulture);
        var rounds = int.Parse(BareKestrel.Arg(args, "--rounds") ?? "20", CultureInfo.InvariantCulture);
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
        List<int> Search(string q)
        {
            var query = LegalQuery.Build(q)!;
            var needles = LegalQuery.Needles(q);
            var searcher = searchers.Acquire();
            try
            {
                var top = searcher.Search(SearchArticles.Restrict(query, null, DateTime.UtcNow), 10);
                var ids = new List<int>();
                foreach (var hit in top.ScoreDocs)
                {
                    var doc = searcher.Doc(hit.Doc);
                    _ = Snippets.Build(doc.Get(LegalAnalysis.Fields.Body) ?? "", needles);
                    ids.Add(int.Parse(doc.Get(LegalAnalysis.Fields.Id), CultureInfo.InvariantCulture));
                }
                return ids;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
        return Measure("Lucene.Net (CJK bigrams)", docsPerSecond, queries, rounds, Search);
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

    private static Result Measure(string engine, double docsPerSecond, List<Labelled> queries, int rounds, Func<string, List<int>> search)
    {
        foreach (var query in queries) search(query.Query);
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
