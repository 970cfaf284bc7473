using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Categories;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.LegalEducation.Articles;

internal static class ArticleEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/legal").WithTags("普法");
        group.MapGet("/categories", CategoriesAsync).AllowAnonymous().WithSummary("分类");
        group.MapGet("/articles", ListAsync).AllowAnonymous().WithSummary("文章列表(公众只见已发布)");
        group.MapGet("/articles/{id:int}", GetAsync).AllowAnonymous().WithSummary("一篇文章(草稿只对编辑可见)");

        var editors = group.MapGroup("/articles").RequirePermission(LegalPermissions.Manage);
        editors.MapPost("", CreateAsync).WithSummary("新建草稿");
        editors.MapPut("/{id:int}", UpdateAsync).WithSummary("修改(保存为新版本)");
        editors.MapPost("/{id:int}/publish", PublishAsync).WithSummary("发布");
        editors.MapPost("/{id:int}/unpublish", UnpublishAsync).WithSummary("下线(回到草稿)");
        editors.MapGet("/{id:int}/versions", VersionsAsync).WithSummary("版本记录");
        editors.MapPost("/{id:int}/versions/{number:int}/restore", RestoreAsync).WithSummary("恢复旧版本(另存为新版本)");
    }

    public static async Task<bool> IsEditorAsync(ClaimsPrincipal user, IAuthorizationService authorization)
        => user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, LegalPermissions.ManageName)).Succeeded;

    private static async Task<Ok<IReadOnlyList<string>>> CategoriesAsync(CategoryList categories, CancellationToken ct)
        => TypedResults.Ok(await categories.NamesAsync(ct));

    private static async Task<Results<Ok<ArticlePage>, ValidationProblem>> ListAsync(
        string? category, string? page, string? pageSize, string? featured, string? kind, LegalDbContext db, CategoryList categories, Township township,
        ClaimsPrincipal user, IAuthorizationService authorization, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        var paging = Paging.Parse(page, pageSize, 20, v);
        if (category is not null && !await categories.ExistsAsync(category, ct)) v.Add("category", $"未知的分类“{category}”");
        bool? onlyFeatured = featured switch { null or "" => null, "true" => true, "false" => false, _ => null };
        if (featured is not (null or "" or "true" or "false")) v.Add("featured", "featured 须为 true 或 false");
        if (kind is not null && !ArticleKinds.All.ContainsKey(kind)) v.Add("kind", $"未知的内容类型“{kind}”");
        if (!v.IsValid) return v.Problem();
        var (total, items) = await ArticleQueries.ListAsync(db, category, paging, await IsEditorAsync(user, authorization), clock.GetUtcNow().UtcDateTime, ct, onlyFeatured, kind);
        return TypedResults.Ok(new ArticlePage(total, [.. items.Select(a => a.ToListItem(township))]));
    }

    private static async Task<Results<Ok<ArticleDto>, ProblemHttpResult>> GetAsync(
        int id, LegalDbContext db, Township township, ClaimsPrincipal user, IAuthorizationService authorization, TimeProvider clock, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null || (!article.IsPublicAt(clock.GetUtcNow().UtcDateTime) && !await IsEditorAsync(user, authorization)))
            return Problems.NotFound("没有这篇文章,或它尚未发布");
        return TypedResults.Ok(article.ToDto(township));
    }

    private static async Task<Results<Created<ArticleDto>, ValidationProblem>> CreateAsync(
        ArticleRequest request, SaveArticle save, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = await save.ValidateAsync(request, ct);
        if (!v.IsValid) return v.Problem();
        var article = await save.CreateAsync(request, user.Identity?.Name, ct);
        return TypedResults.Created($"/api/legal/articles/{article.Id}", article.ToDto(township));
    }

    private static async Task<Results<Ok<ArticleDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int id, ArticleRequest request, SaveArticle save, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = await save.ValidateAsync(request, ct);
        if (!v.IsValid) return v.Problem();
        var article = await save.UpdateAsync(id, request, user.Identity?.Name, ct);
        return article is null ? Problems.NotFound("没有这篇文章") : TypedResults.Ok(article.ToDto(township));
    }

    /// <summary>The optional body of a publish request: a time in the future schedules the publication.</summary>
    public sealed record PublishRequest(string? PublishAt);

    private static async Task<Results<Ok<ArticleDto>, ProblemHttpResult, ValidationProblem>> PublishAsync(
        int id, HttpRequest request, ChangeArticleStatus change, Township township, CancellationToken ct)
    {
        // The body is optional (a plain POST publishes now), so it is read by hand rather than bound.
        PublishRequest? body = null;
        var v = new Validation();
        if (request.ContentLength > 0 || request.HasJsonContentType())
        {
            try { body = await request.ReadFromJsonAsync<PublishRequest>(ct); }
            catch (System.Text.Json.JsonException) { v.Add("publishAt", "请求正文不是有效的 JSON"); }
        }
        DateTime? publishAt = null;
        if (!string.IsNullOrWhiteSpace(body?.PublishAt))
        {
            if (ArticleRules.TryParsePublishAt(body.PublishAt, township, out var at)) publishAt = at;
            else v.Add("publishAt", $"发布时间无效,{ArticleRules.PublishAtFormats}");
        }
        if (!v.IsValid) return v.Problem();
        var (outcome, article) = await change.PublishAsync(id, ct, publishAt);
        return outcome switch
        {
            ChangeArticleStatus.Outcome.NotFound => Problems.NotFound("没有这篇文章"),
            ChangeArticleStatus.Outcome.AlreadyThere => Problems.Conflict("这篇文章已经发布(如需改期,请先下线)"),
            _ => TypedResults.Ok(article!.ToDto(township)),
        };
    }

    private static async Task<Results<Ok<ArticleDto>, ProblemHttpResult>> UnpublishAsync(int id, ChangeArticleStatus change, Township township, CancellationToken ct)
        => Result(await change.UnpublishAsync(id, ct), township, "这篇文章尚未发布,无需下线");

    private static Results<Ok<ArticleDto>, ProblemHttpResult> Result((ChangeArticleStatus.Outcome Outcome, Article? Article) r, Township township, string already)
        => r.Outcome switch
        {
            ChangeArticleStatus.Outcome.NotFound => Problems.NotFound("没有这篇文章"),
            ChangeArticleStatus.Outcome.AlreadyThere => Problems.Conflict(already),
            _ => TypedResults.Ok(r.Article!.ToDto(township)),
        };

    private static async Task<Results<Ok<ArticleDto>, ProblemHttpResult>> RestoreAsync(
        int id, int number, RestoreVersion restore, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var article = await restore.RestoreAsync(id, number, user.Identity?.Name, ct);
        return article is null ? Problems.NotFound($"没有这篇文章,或它没有第 {number} 版") : TypedResults.Ok(article.ToDto(township));
    }

    private static async Task<Results<Ok<List<VersionDto>>, ProblemHttpResult>> VersionsAsync(int id, LegalDbContext db, Township township, CancellationToken ct)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound("没有这篇文章");
        var versions = await db.Versions.AsNoTracking().Where(v => v.ArticleId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => new VersionDto(v.Number, v.Title, v.Format, v.SavedBy, ArticleMapping.Local(township, v.SavedAt), v.Fields, v.Category, v.Tags, v.Audience, v.CoverImage)).ToList());
    }
}
