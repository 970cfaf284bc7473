using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Zhizhi.Orchard.LegalEducation.Searching;

/// <summary>
/// Builds the Lucene query for what a resident typed. Each space-separated term must match (AND); inside
/// a term the CJK bigrams are required too, except that a third of them may be missing, because the
/// bigrams that straddle two words ("养纠" in 赡养纠纷) rarely occur in a text that uses the words apart.
/// Title hits are boosted, and the whole term as an exact phrase is boosted again (in title more than in body).
/// QueryParser is not used: its syntax errors on user input and its OR-of-bigrams default are both traps.
/// </summary>
internal static class LegalQuery
{
    public const float TitleBoost = 3f;
    public const float BodyPhraseBoost = 4f;
    public const float TitlePhraseBoost = 8f;
    public const int MaxTerms = 10;

    public static string[] Terms(string text)
        => [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(MaxTerms)];

    /// <summary>How many of a term's n tokens must match.</summary>
    public static int Required(int n) => n - n / 3;

    /// <summary>A synonym's match counts a little less than the word typed, so the exact word ranks first.</summary>
    public const float SynonymBoost = 0.7f;
    public const int MaxAlternatives = 5;

    private static readonly IReadOnlyDictionary<string, string[]> NoSynonyms = new Dictionary<string, string[]>();

    /// <summary>
    /// The term with each synonym substituted: a synonym word may be a whole term (养老) or part of one
    /// (赡养纠纷 → 养老纠纷), as Chinese queries come without spaces.
    /// </summary>
    public static IReadOnlyList<string> Alternatives(string term, IReadOnlyDictionary<string, string[]> synonyms)
    {
        var found = new List<string>();
        foreach (var (word, others) in synonyms)
        {
            var at = term.IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at < 0) continue;
            foreach (var other in others)
            {
                var alternative = string.Concat(term.AsSpan(0, at), other, term.AsSpan(at + word.Length));
                if (!string.Equals(alternative, term, StringComparison.OrdinalIgnoreCase) && !found.Contains(alternative)) found.Add(alternative);
                if (found.Count == MaxAlternatives) return found;
            }
        }
        return found;
    }

    /// <returns>null when nothing searchable is left (only punctuation, say).</returns>
    public static Query? Build(string text, IReadOnlyDictionary<string, string[]>? synonyms = null)
    {
        synonyms ??= NoSynonyms;
        var all = new BooleanQuery();
        foreach (var term in Terms(text))
        {
            var one = TermQuery(term);
            if (one is null) continue;
            var alternatives = Alternatives(term, synonyms).Select(TermQuery).OfType<BooleanQuery>().ToList();
            if (alternatives.Count == 0)
            {
                all.Add(one, Occur.MUST);
                continue;
            }
            var any = new BooleanQuery(disableCoord: true) { { one, Occur.SHOULD } };
            foreach (var alternative in alternatives)
            {
                alternative.Boost = SynonymBoost;
                any.Add(alternative, Occur.SHOULD);
            }
            any.MinimumNumberShouldMatch = 1;
            all.Add(any, Occur.MUST);
        }
        return all.Clauses.Count == 0 ? null : all;
    }

    private static BooleanQuery? TermQuery(string term)
    {
        {
            var tokens = LegalAnalysis.Tokens(term);
            if (tokens.Count == 0) return null;
            var words = new BooleanQuery();
            foreach (var token in tokens.DistinctBy(t => t.Text))
            {
                var either = new BooleanQuery(disableCoord: true)
                {
                    { new TermQuery(new Term(LegalAnalysis.Fields.Title, token.Text)) { Boost = TitleBoost }, Occur.SHOULD },
                    { new TermQuery(new Term(LegalAnalysis.Fields.Body, token.Text)), Occur.SHOULD },
                };
                words.Add(either, Occur.SHOULD);
            }
            words.MinimumNumberShouldMatch = Required(words.Clauses.Count);
            var one = new BooleanQuery { { words, Occur.MUST } };
            if (tokens.Count > 1)
            {
                one.Add(Phrase(LegalAnalysis.Fields.Body, tokens, BodyPhraseBoost), Occur.SHOULD);
                one.Add(Phrase(LegalAnalysis.Fields.Title, tokens, TitlePhraseBoost), Occur.SHOULD);
            }
            return one;
        }
    }

    private static PhraseQuery Phrase(string field, List<LegalAnalysis.Token> tokens, float boost)
    {
        var phrase = new PhraseQuery { Boost = boost };
        foreach (var token in tokens) phrase.Add(new Term(field, token.Text), token.Position);
        return phrase;
    }

    /// <summary>What the highlighter should mark: the terms as typed and the tokens they analyse to.</summary>
    public static IReadOnlyList<string> Needles(string text, IReadOnlyDictionary<string, string[]>? synonyms = null)
    {
        var typed = Terms(text);
        var terms = synonyms is null ? typed : [.. typed.Concat(typed.SelectMany(t => Alternatives(t, synonyms)))];
        return [.. terms.Concat(terms.SelectMany(t => LegalAnalysis.Tokens(t).Select(x => x.Text))).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
