using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Categories;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Feed;
using Zhizhi.Orchard.LegalEducation.Indexing;
using Zhizhi.Orchard.LegalEducation.Searching;
using Zhizhi.Orchard.LegalEducation.Seeds;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Navigation;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Theming;

namespace Zhizhi.Orchard.LegalEducation;

internal sealed class LegalEducationStartup : FeatureStartup
{
    public override void ConfigureServices(FeatureBuilder feature)
    {
        feature.AddModuleDbContext<LegalDbContext, LegalSqliteDbContext, LegalPostgresDbContext>(LegalDbContext.Prefix);
        feature.Services.AddScoped<CategoryList>();
        feature.Services.AddScoped<SaveArticle>();
        feature.Services.AddScoped<ChangeArticleStatus>();
        feature.Services.AddScoped<RestoreVersion>();
        feature.Services.AddScoped<Fields.ManageFields>();
        feature.Services.AddSingleton<Media.LegalMedia>();
        // The index signal is written by saves even when Search is off in a township (it is then ignored).
        feature.Services.AddSingleton<IndexSignal>();
        feature.AddFeatureSetup<CategoriesSetup>();
        feature.AddRecipeStep<LegalSeedsRecipeStep>();
        feature.AddHomeSection<FeaturedOnHome>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArticleEndpoints.Map(endpoints);
        FeedEndpoints.Map(endpoints);
        SitemapEndpoints.Map(endpoints);
        Fields.FieldEndpoints.Map(endpoints);
        Media.MediaEndpoints.Map(endpoints);
    }

    public override IEnumerable<Permission> Permissions => [LegalPermissions.Manage];

    public override void BuildSiteMenu(SiteMenuBuilder menu)
        => menu.Add("普法", "/legal", order: 30);

    public override void BuildAdminMenu(AdminMenuBuilder menu)
    {
        menu.Add("普法", "普法内容", "/admin/legal", LegalPermissions.Manage, order: 300);
        menu.Add("普法", "新建文章", "/admin/legal/edit", LegalPermissions.Manage, order: 310);
        menu.Add("普法", "自定义字段", "/admin/legal/fields", LegalPermissions.Manage, order: 320);
    }
}

internal sealed class SearchStartup : FeatureStartup
{
    public override void ConfigureServices(FeatureBuilder feature)
    {
        feature.Services.AddSingleton<LuceneRegistry>();
        feature.Services.AddSingleton<LegalIndexer>();
        feature.Services.AddHostedService(sp => sp.GetRequiredService<LegalIndexer>());
        feature.Services.AddScoped<SearchArticles>();
        feature.Services.AddScoped<RebuildIndex>();
        feature.AddFeatureSetup<SearchSetup>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        SearchEndpoints.Map(endpoints);
        SearchAdminEndpoints.Map(endpoints);
    }

    public override void BuildAdminMenu(AdminMenuBuilder menu)
        => menu.Add("普法", "检索设置", "/admin/legal/search", LegalPermissions.Manage, order: 330);
}
