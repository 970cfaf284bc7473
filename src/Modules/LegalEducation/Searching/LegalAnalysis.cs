using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Zhizhi.Orchard.LegalEducation.Searching;

/// <summary>CJK bigram analysis, the same for documents and queries (SmartCn and jieba are not available here).</summary>
internal static class LegalAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Thread safe; token streams are reused per thread.</summary>
    public static readonly Analyzer Analyzer = new CJKAnalyzer(Version);

    public static class Fields
    {
        public const string Id = "id";
        public const string Category = "category";
        public const string Title = "title";
        public const string Body = "body";
        public const string Kind = "kind";
        /// <summary>Stored on the documents of single 条 of a law text: the article's number.</summary>
        public const string Section = "section";
        /// <summary>Publication time in UTC ticks (numeric): scheduled articles are indexed early and filtered until then.</summary>
        public const string Published = "published";
    }

    public sealed record Token(string Text, int Position);

    public static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        using var stream = Analyzer.GetTokenStream(Fields.Body, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new Token(term.ToString(), position));
        }
        stream.End();
        return tokens;
    }
}
