using Zhizhi.Orchard.LegalEducation.Categories;
using Zhizhi.Orchard.LegalEducation.Seeds;
using Zhizhi.Orchard.LegalEducation.Articles;

namespace Zhizhi.Orchard.Tests.LegalEducation;

/// <summary>The demo content: the compilation is split by its table of contents, every seed is a valid article.</summary>
public sealed class SeedDocumentTests
{
    [Fact]
    public void TheCompilationIsSplitIntoTheArticlesItsTableOfContentsNames()
    {
        var pieces = SeedDocuments.SplitCompilation(SeedDocuments.CompilationText());

        // The table of contents lists 75; the page was cut off ("阅读全文") after the twentieth.
        Assert.Equal(20, pieces.Count);
        Assert.Equal("白银市深入推进平安建设工作综述", pieces[0].Title);
        Assert.Equal("北京市西城区西长安街街道全力打造基层平安建设新模式", pieces[9].Title);
        Assert.Equal("故城县推动“智慧枫桥”建设", pieces[^1].Title);
        Assert.Equal(new DateTime(2024, 10, 14), pieces[0].Date?.Date);
        Assert.All(pieces, p => Assert.True(p.Paragraphs.Count >= 2, $"{p.Title} has {p.Paragraphs.Count} paragraphs"));
        Assert.DoesNotContain(pieces.SelectMany(p => p.Paragraphs), l => l.Contains("阅读全文") || l.Contains("……………"));
        // No article swallowed the next one's title.
        Assert.DoesNotContain(pieces[0].Paragraphs, l => l.StartsWith("玉溪市筑牢平安建设根基"));
    }

    [Fact]
    public void EverySeedIsAValidArticle()
    {
        var seeds = SeedDocuments.All();

        Assert.Equal(4 + 4 + 20, seeds.Count);
        foreach (var seed in seeds)
        {
            var v = ArticleRules.Validate(new ArticleRequest(seed.Title, seed.Body, seed.Format, seed.Category, seed.Tags, seed.Summary, seed.Audience, seed.Kind,
                seed.LawIssuer, seed.LawEffectiveDate, seed.LawStatus), DefaultCategories.Names, []);
            Assert.True(v.IsValid, $"{seed.Title}: {string.Join(";", v.Errors.SelectMany(e => e.Value))}");
        }
        Assert.Contains(seeds, s => s.Title == "学习“枫桥经验”创建平安乡镇" && !s.Body.Contains("本文共"));
        Assert.Contains(seeds, s => s.Title == "多措并举,构筑“共保平安”铜墙铁壁" && !s.Body.Contains("次访问"));
        Assert.Contains(seeds, s => s.Category == "赡养继承" && s.Title.Contains("赡养"));
        Assert.Contains(seeds, s => s.Kind == "law" && s.LawStatus == "现行有效" && s.LawEffectiveDate == "2021-01-01");
    }
}
