using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Categories;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Routing;
using Zhizhi.Orchard.DisputeRouting.Settings;
using Zhizhi.Orchard.DisputeRouting.Statistics;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Navigation;
using Zhizhi.Orchard.Notifications;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Statistics;
using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.DisputeRouting;

internal sealed class DisputeRoutingStartup : FeatureStartup
{
    public override void ConfigureServices(FeatureBuilder feature)
    {
        feature.AddModuleDbContext<DisputesDbContext, DisputesSqliteDbContext, DisputesPostgresDbContext>(DisputesDbContext.Prefix);
        feature.Services.AddSingleton<IWorkflowActivity, DisputeRouteActivity>();
        feature.Services.AddScoped<DisputeSettings>();
        feature.Services.AddScoped<ReportDispute>();
        feature.Services.AddScoped<CaseActions>();
        feature.AddEventHandler<DisputeRouted, DisputeRoutedHandler>();
        feature.AddEventHandler<Mediation.Contracts.BookingOutcomeRecorded, Intake.BookingOutcomeHandler>();
        feature.AddFeatureSetup<DisputeSetup>();
        feature.AddStatsContributor<DisputeStats>();
        feature.AddRecipeStep<Demo.DisputeDemoRecipeStep>();
        feature.Services.AddScoped<Organisation.AssignmentRules>();
        feature.Services.AddScoped<Organisation.CaseAssignment>();
        feature.Services.AddScoped<Organisation.MediatorAssignment>();
        feature.AddEventHandler<County.CaseReferredToCounty, County.ReferToCountyHandler>();
        feature.Services.AddScoped<County.ApplyCountyAnswer>();
        feature.Services.AddScoped<Obligations.ObligationActions>();
        feature.Services.AddScoped<Obligations.ObligationCheck>();
        feature.Services.AddScoped<Obligations.DeadlineReminders>();
        feature.Services.AddScoped<Obligations.ReminderSettings>();
        feature.AddNotificationSource<Obligations.DisputeNotificationSource>(Obligations.DisputeNotificationSource.Id, "纠纷提醒",
            "/admin/disputes/notifications", DisputePermissions.ViewName);
        feature.Services.AddSingleton<Obligations.DisputeSweeper>();
        feature.Services.AddHostedService(sp => sp.GetRequiredService<Obligations.DisputeSweeper>());
        feature.Services.AddScoped<Dashboard.DisputeDashboard>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        CategoryEndpoints.Map(endpoints);
        CaseEndpoints.Map(endpoints);
        Ledger.LedgerExport.Map(endpoints);
        Organisation.AssignmentRuleEndpoints.Map(endpoints);
        Obligations.ObligationEndpoints.Map(endpoints);
        Dashboard.DashboardEndpoints.Map(endpoints);
    }

    public override IEnumerable<Permission> Permissions =>
        [DisputePermissions.Report, DisputePermissions.View, DisputePermissions.Handle, DisputePermissions.Manage];

    public override void BuildSiteMenu(SiteMenuBuilder menu)
        => menu.Add("纠纷反映", "/disputes", order: 40);

    public override void BuildAdminMenu(AdminMenuBuilder menu)
    {
        menu.Add("矛盾纠纷", "待办案件", "/admin/disputes", DisputePermissions.View, order: 300);
        menu.Add("矛盾纠纷", "纠纷分类与设置", "/admin/disputes/settings", DisputePermissions.Manage, order: 310);
        menu.Add("矛盾纠纷", "分派规则", "/admin/disputes/assignment-rules", DisputePermissions.Manage, order: 315);
        menu.Add("矛盾纠纷", "提醒与履行核查", "/admin/disputes/notifications", DisputePermissions.View, order: 320);
        menu.Add("矛盾纠纷", "纠纷统计看板", "/admin/disputes/dashboard", DisputePermissions.View, order: 305);
    }
}
