using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Zhizhi.Orchard.Statistics;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Navigation;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Demo;
using Zhizhi.Orchard.VolunteerPoints.Exchange;
using Zhizhi.Orchard.VolunteerPoints.Ledger;

namespace Zhizhi.Orchard.VolunteerPoints;

internal sealed class VolunteerPointsStartup : FeatureStartup
{
    public override void ConfigureServices(FeatureBuilder feature)
    {
        // One context for both features: PointsExchange depends on VolunteerPoints, so its tables exist whenever it is on.
        feature.AddModuleDbContext<PointsDbContext, PointsSqliteDbContext, PointsPostgresDbContext>(PointsDbContext.Prefix);
        feature.Services.AddScoped<PointsLedger>();
        feature.Services.AddScoped<CreateActivity>();
        feature.Services.AddScoped<SignUp>();
        feature.Services.AddScoped<CheckIn>();
        feature.Services.AddScoped<GrantPoints>();
        feature.Services.AddScoped<PointsStats>();
        feature.Services.AddScoped<Rules.RulesStore>();
        feature.Services.AddScoped<Volunteers.Volunteering>();
        feature.Services.AddScoped<Recognition.Recognition>();
        feature.Services.AddScoped<ExpirePoints>();
        feature.Services.AddHostedService<PointsSweeper>();
        feature.AddFeatureSetup<Rules.PointsSetup>();
        feature.AddEventHandler<Contracts.PointsAwardRequested, AwardRequestedHandler>();
        feature.AddStatsContributor<PointsStatsContributor>();
        feature.AddRecipeStep<VolunteerDemoRecipeStep>();

        // Six digits can be guessed: each session (township, address, credentials) gets 30 attempts a minute
        // on the code check-in (API and page posts); reading pages does not count.
        feature.Services.AddRateLimiter(o => o.AddPolicy(CheckinCodeRateLimit, ctx => HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(PartitionKey(ctx),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
    }

    public const string CheckinCodeRateLimit = "VolunteerPoints.CheckinCode";

    private static string PartitionKey(HttpContext ctx)
    {
        var credentials = ctx.Request.Headers.Authorization.ToString() + "|" + ctx.Request.Headers.Cookie.ToString();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials)), 0, 12);
        return ctx.RequestServices.GetRequiredService<ITownshipAccessor>().Current.Name + "|" + ctx.Connection.RemoteIpAddress + "|" + hash;
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ActivityEndpoints.Map(endpoints);
        PointsEndpoints.Map(endpoints);
        Volunteers.VolunteerEndpoints.Map(endpoints);
        Recognition.RecognitionEndpoints.Map(endpoints);
    }

    public override IEnumerable<Permission> Permissions => [VolunteerPermissions.Manage, VolunteerPermissions.SignUp, VolunteerPermissions.ViewStats];

    public override void BuildSiteMenu(SiteMenuBuilder menu)
        => menu.Add("志愿服务", "/volunteers", order: 50);

    public override void BuildAdminMenu(AdminMenuBuilder menu)
    {
        menu.Add("志愿积分", "志愿活动与签到", "/admin/volunteers", VolunteerPermissions.Manage, order: 400);
        menu.Add("志愿积分", "积分规则、审批与服务队", "/admin/volunteers/points", VolunteerPermissions.Manage, order: 405);
    }
}

internal sealed class PointsExchangeStartup : FeatureStartup
{
    public override void ConfigureServices(FeatureBuilder feature)
    {
        feature.Services.AddScoped<AddItem>();
        feature.Services.AddScoped<Redeem>();
        feature.Services.AddScoped<SettleRedemption>();
        feature.Services.AddScoped<ItemPictures>();
        feature.Services.AddScoped<ExchangeReports>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => ExchangeEndpoints.Map(endpoints);

    public override IEnumerable<Permission> Permissions => [ExchangePermissions.Manage, ExchangePermissions.Redeem, ExchangePermissions.Fulfil];

    public override void BuildSiteMenu(SiteMenuBuilder menu)
        => menu.Add("爱心超市", "/exchange", order: 60);

    public override void BuildAdminMenu(AdminMenuBuilder menu)
        => menu.Add("志愿积分", "爱心超市", "/admin/exchange", ExchangePermissions.Fulfil, order: 410);
}
