using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.Recipes;

namespace Zhizhi.Orchard.LegalEducation.Seeds;

/// <summary>Recipe step "legal-seeds": publishes the demo articles and the seed documents.</summary>
internal sealed class LegalSeedsRecipeStep(SaveArticle save, ChangeArticleStatus status) : IRecipeStep
{
    public string Name => "legal-seeds";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        foreach (var seed in SeedDocuments.All())
        {
            var request = new ArticleRequest(seed.Title, seed.Body, seed.Format, seed.Category, seed.Tags, seed.Summary, seed.Audience, seed.Kind,
                seed.LawIssuer, seed.LawEffectiveDate, seed.LawStatus);
            var v = await save.ValidateAsync(request, ct);
            if (!v.IsValid) throw new InvalidOperationException($"示范文章“{seed.Title}”无效:{string.Join(";", v.Errors.SelectMany(e => e.Value))}");
            var article = await save.CreateAsync(request, "系统", ct);
            await status.PublishAsync(article.Id, ct, seed.Date);
        }
    }
}
