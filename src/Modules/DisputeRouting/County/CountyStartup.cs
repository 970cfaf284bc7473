using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Navigation;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.DisputeRouting.County;

/// <summary>
/// The county (host) side of dispute routing: the inbox table in the county's database, its API and pages, and the
/// handler that carries the county's answers back to the townships. The township side (filing a referral when a case
/// reaches level county, applying an answer) is registered by the DisputeRouting feature.
/// </summary>
internal sealed class CountyInboxStartup : FeatureStartup
{
    public const string FeatureId = "DisputeRouting.County";

    public override void ConfigureServices(FeatureBuilder feature)
    {
        feature.AddModuleDbContext<CountyDbContext, CountySqliteDbContext, CountyPostgresDbContext>(CountyDbContext.Prefix);
        feature.Services.AddScoped<CountyActions>();
        feature.AddEventHandler<CountyReferralActed, CountyAnswerHandler>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => CountyEndpoints.Map(endpoints);

    public override IEnumerable<Permission> Permissions => [CountyPermissions.Handle];

    public override void BuildAdminMenu(AdminMenuBuilder menu)
        => menu.Add("县级平台", "上交纠纷收件箱", "/admin/county/disputes", CountyPermissions.Handle, order: 20);
}
