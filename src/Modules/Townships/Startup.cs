using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Navigation;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Townships.Calendar;
using Zhizhi.Orchard.Townships.Catalog;
using Zhizhi.Orchard.Townships.Contracts;
using Zhizhi.Orchard.Townships.Data;
using Zhizhi.Orchard.Townships.Notices;
using Zhizhi.Orchard.Townships.Villages;

namespace Zhizhi.Orchard.Townships;

internal sealed class PortalStartup : FeatureStartup
{
    public override void ConfigureServices(FeatureBuilder feature)
    {
        feature.AddModuleDbContext<PortalDbContext, PortalSqliteDbContext, PortalPostgresDbContext>(PortalDbContext.Prefix);
        feature.Services.AddScoped<AddVillage>();
        feature.Services.AddScoped<Organisation.EditOrganisation>();
        feature.Services.AddScoped<Media.Logos>();
        feature.Services.AddScoped<PublishNotice>();
        feature.Services.AddScoped<ITownshipDirectory, TownshipDirectory>();
        feature.Services.AddSingleton<Statistics.TownshipStats>();
        feature.AddRecipeStep<VillagesRecipeStep>();
        feature.AddRecipeStep<NoticesRecipeStep>();
        feature.AddRecipeStep<Organisation.OrganisationRecipeStep>();
        // Registered after the host's WeekendCalendar, so this one is what IWorkingCalendar resolves to.
        feature.Services.AddSingleton<WorkingCalendarCache>();
        feature.Services.AddScoped<TownshipWorkingCalendar>();
        feature.Services.AddScoped<IWorkingCalendar>(sp => sp.GetRequiredService<TownshipWorkingCalendar>());
        feature.Services.AddScoped<ITownshipCalendar>(sp => sp.GetRequiredService<TownshipWorkingCalendar>());
        feature.Services.AddScoped<EditCalendar>();
        feature.AddFeatureSetup<CalendarSetup>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        VillageEndpoints.Map(endpoints);
        NoticeEndpoints.Map(endpoints);
        Media.Logos.Map(endpoints);
        Statistics.StatsEndpoints.Map(endpoints);
        CalendarEndpoints.Map(endpoints);
        Organisation.OrganisationEndpoints.Map(endpoints);
    }

    public override IEnumerable<Permission> Permissions =>
        [TownshipsPermissions.ManageSettings, TownshipsPermissions.ManageVillages, TownshipsPermissions.ManageNotices, TownshipsPermissions.ViewStats, TownshipsPermissions.ManageCalendar, TownshipsPermissions.ViewOrganisation];

    public override void BuildSiteMenu(SiteMenuBuilder menu)
        => menu.Add("工作动态", "/notices", order: 20).Add("村(社区)", "/villages", order: 90);

    public override void BuildAdminMenu(AdminMenuBuilder menu)
    {
        menu.Add("乡镇门户", "乡镇设置", "/admin/settings", TownshipsPermissions.ManageSettings, order: 800);
        menu.Add("乡镇门户", "村(社区)名录", "/admin/villages", TownshipsPermissions.ManageVillages, order: 810);
        menu.Add("乡镇门户", "组织架构(网格与负责人)", "/admin/organisation", TownshipsPermissions.ManageVillages, order: 815);
        menu.Add("乡镇门户", "工作动态", "/admin/notices", TownshipsPermissions.ManageNotices, order: 820);
        menu.Add("乡镇门户", "工作日历", "/admin/calendar", TownshipsPermissions.ManageCalendar, order: 830);
    }
}

internal sealed class TownshipsStartup : FeatureStartup
{
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => TenantEndpoints.Map(endpoints);

    public override IEnumerable<Permission> Permissions => [TownshipsPermissions.ManageTownships];

    public override void BuildAdminMenu(AdminMenuBuilder menu)
        => menu.Add("县级平台", "乡镇管理", "/admin/townships", TownshipsPermissions.ManageTownships, order: 10);
}
