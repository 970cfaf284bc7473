using Zhizhi.Orchard.LegalEducation.Searching;

namespace Zhizhi.Orchard.Tests.LegalEducation;

/// <summary>Our own highlighter and the query rules, without a host.</summary>
public sealed class SnippetTests
{
    [Fact]
    public void TheWholePhraseIsMarkedOnceNotAsThreeOverlappingBigrams()
    {
        var snippet = Snippets.Build("老人起诉子女,这是一起典型的赡养纠纷。", LegalQuery.Needles("赡养纠纷"));

        Assert.Contains("<em>赡养纠纷</em>", snippet);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(snippet, "<em>"));
    }

    [Fact]
    public void WordsUsedApartAreEachMarked()
    {
        var snippet = Snippets.Build("子女应当履行赡养义务,发生纠纷可以申请调解。", LegalQuery.Needles("赡养纠纷"));

        Assert.Contains("<em>赡养</em>", snippet);
        Assert.Contains("<em>纠纷</em>", snippet);
    }

    [Fact]
    public void TheTextIsHtmlEncodedAndOnlyTheMarksAreMarkup()
    {
        var snippet = Snippets.Build("<script>alert('调解')</script> & 人民调解", LegalQuery.Needles("人民调解"));

        Assert.DoesNotContain("<script", snippet);
        Assert.Contains("&lt;script&gt;", snippet);
        Assert.Contains("&amp;", snippet);
        Assert.Contains("<em>人民调解</em>", snippet);
    }

    [Fact]
    public void TheWindowIsCutAroundTheDensestStretchOfHits()
    {
        var filler = new string('甲', 300);
        var text = "开头提到调解一次。" + filler + "人民调解委员会主持人民调解,人民调解协议有效。" + filler;

        var snippet = Snippets.Build(text, LegalQuery.Needles("人民调解"));

        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(snippet, "<em>人民调解</em>").Count);
        var visible = snippet.Replace("<em>", "").Replace("</em>", "").Trim('…');
        Assert.True(visible.Length <= Snippets.DefaultLength + 1, $"window too long: {visible.Length}");
    }

    [Fact]
    public void WithoutAHitTheSnippetIsTheBeginning()
    {
        var snippet = Snippets.Build("这是一段没有命中的文字。" + new string('乙', 200), LegalQuery.Needles("赡养"));

        Assert.StartsWith("这是一段没有命中的文字。", snippet);
        Assert.DoesNotContain("<em>", snippet);
        Assert.EndsWith("…", snippet);
    }

    [Fact]
    public void LatinWordsAreMatchedWithoutRegardToCase()
        => Assert.Contains("<em>APP</em>", Snippets.Build("请下载反诈 APP 并注册", LegalQuery.Needles("app")));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(6, 4)]
    public void ATermMayMissAThirdOfItsBigrams(int bigrams, int required) => Assert.Equal(required, LegalQuery.Required(bigrams));

    [Fact]
    public void PunctuationAloneMakesNoQuery() => Assert.Null(LegalQuery.Build("!!! ,,,"));
}
