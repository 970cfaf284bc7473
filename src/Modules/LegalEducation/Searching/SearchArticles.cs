using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Categories;
using Zhizhi.Orchard.LegalEducation.Indexing;

namespace Zhizhi.Orchard.LegalEducation.Searching;

/// <param name="Url">Site-relative link to the hit: the article, or the 条 inside a law text ("legal/12#tiao-3").</param>
/// <param name="Section">The 条 number when the hit is one article of a law text.</param>
public sealed record SearchHit(int Id, string Title, string Snippet, float Score, string Url, int? Section, string? Kind);

public sealed record SearchResult(int Total, IReadOnlyList<SearchHit> Items);

/// <summary>
/// Full-text search over the township's public articles: only published ones are in the index, and those
/// scheduled for later are filtered out until their time, so they appear by themselves, without re-indexing.
/// </summary>
internal sealed class SearchArticles(LuceneRegistry registry, ITownshipAccessor townships, TimeProvider clock, Data.LegalDbContext db)
{
    public const int MaxQueryLength = 100;
    public const int DefaultPageSize = 10;
    /// <summary>Deep pages cost memory in Lucene's collector; nobody reads past this.</summary>
    public const int MaxResults = 1000;

    public static void Validate(string? q, Validation v)
    {
        if (string.IsNullOrWhiteSpace(q)) v.Add("q", "请输入要搜索的内容");
        else if (q.Length > MaxQueryLength) v.Add("q", $"搜索内容不能超过 {MaxQueryLength} 个字符");
    }

    /// <summary>
    /// Excludes what is not yet public (rather than requiring what is): documents indexed before the
    /// publication time was stored have no such field and stay findable, as they were published. The
    /// restrictions are clauses of the query itself, not a filter over all documents, so a search costs
    /// what its terms match, not the size of the index; they add nothing to the score.
    /// </summary>
    internal static Query Restrict(Query query, string? category, DateTime utcNow)
    {
        var restricted = new BooleanQuery(disableCoord: true)
        {
            { query, Occur.MUST },
            { NumericRangeQuery.NewInt64Range(LegalAnalysis.Fields.Published, utcNow.Ticks, null, minInclusive: false, maxInclusive: true), Occur.MUST_NOT },
        };
        if (category is not null)
            restricted.Add(new ConstantScoreQuery(new TermQuery(new Term(LegalAnalysis.Fields.Category, category))) { Boost = 0 }, Occur.MUST);
        return restricted;
    }

    /// <summary>Searches with the township's synonyms (read per search: a short table, and edits apply at once).</summary>
    public async Task<SearchResult> SearchAsync(string q, string? category, Paging paging, CancellationToken ct)
        => Search(q, category, paging, await SynonymRules.LookupAsync(db, ct));

    public SearchResult Search(string q, string? category, Paging paging, IReadOnlyDictionary<string, string[]>? synonyms = null)
        => Run(registry, townships.Current, q, category, paging, clock.GetUtcNow().UtcDateTime, synonyms);

    /// <summary>The stored fields a hit shows: the category is stored too, but not read back here.</summary>
    internal static readonly ISet<string> HitFields = new HashSet<string>(StringComparer.Ordinal)
    {
        LegalAnalysis.Fields.Id, LegalAnalysis.Fields.Title, LegalAnalysis.Fields.Body, LegalAnalysis.Fields.Section, LegalAnalysis.Fields.Kind,
    };

    internal static SearchResult Run(LuceneRegistry registry, Township township, string q, string? category, Paging paging, DateTime utcNow, IReadOnlyDictionary<string, string[]>? synonyms)
    {
        var query = LegalQuery.Build(q, synonyms);
        if (query is null) return new SearchResult(0, []);
        query = Restrict(query, category, utcNow);
        var needles = LegalQuery.Needles(q, synonyms);
        using var index = registry.Acquire(township);
        var searcher = index.Searchers.Acquire();
        try
        {
            var top = searcher.Search(query, paging.Skip + paging.PageSize);
            var items = top.ScoreDocs.Skip(paging.Skip).Select(hit =>
            {
                var doc = searcher.Doc(hit.Doc, HitFields);
                var id = int.Parse(doc.Get(LegalAnalysis.Fields.Id), System.Globalization.CultureInfo.InvariantCulture);
                int? section = doc.GetField(LegalAnalysis.Fields.Section)?.GetInt32Value();
                return new SearchHit(
                    id,
                    doc.Get(LegalAnalysis.Fields.Title),
                    Snippets.Build(doc.Get(LegalAnalysis.Fields.Body) ?? "", needles),
                    hit.Score,
                    section is { } n ? $"legal/{id}#{Articles.LawSections.Anchor(n)}" : $"legal/{id}",
                    section,
                    doc.Get(LegalAnalysis.Fields.Kind));
            }).ToList();
            return new SearchResult(top.TotalHits, items);
        }
        finally
        {
            index.Searchers.Release(searcher);
        }
    }
}

internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/api/legal/search", SearchAsync).AllowAnonymous().WithTags("普法").WithSummary("全文检索已发布的普法内容");

    private static async Task<Results<Ok<SearchResult>, ValidationProblem>> SearchAsync(
        string? q, string? category, string? page, string? pageSize, SearchArticles search, CategoryList categories, CancellationToken ct)
    {
        var v = new Validation();
        SearchArticles.Validate(q, v);
        var paging = Paging.Parse(page, pageSize, SearchArticles.DefaultPageSize, v);
        if (v.IsValid && paging.Skip + paging.PageSize > SearchArticles.MaxResults)
            v.Add("page", $"搜索结果最多查看前 {SearchArticles.MaxResults} 条,请缩小范围");
        if (category is not null && !await categories.ExistsAsync(category, ct)) v.Add("category", $"未知的分类“{category}”");
        if (!v.IsValid) return v.Problem();
        return TypedResults.Ok(await search.SearchAsync(q!.Trim(), category, paging, ct));
    }
}
