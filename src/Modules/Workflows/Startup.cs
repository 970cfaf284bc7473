using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Navigation;
using Zhizhi.Orchard.Notifications;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Engine;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Workflows;

internal sealed class WorkflowsStartup : FeatureStartup
{
    public override void ConfigureServices(FeatureBuilder feature)
    {
        feature.AddModuleDbContext<WorkflowsDbContext, WorkflowsSqliteDbContext, WorkflowsPostgresDbContext>(WorkflowsDbContext.Prefix);
        feature.Services.TryAddSingleton(sp => OutboundGuard.From(sp.GetRequiredService<IConfiguration>()));
        foreach (var activity in ActivityRegistry.Local()) feature.Services.AddSingleton<IWorkflowActivity>(activity);
        feature.Services.AddSingleton<IWorkflowActivity>(sp => new HttpRequestActivity(sp.GetRequiredService<OutboundGuard>()));
        feature.Services.AddSingleton<IWorkflowActivity>(sp => new NotifyActivity(sp.GetRequiredService<OutboundGuard>()));
        feature.Services.TryAddSingleton<ActivityRegistry>();
        feature.Services.TryAddSingleton<TimerSignal>();
        feature.Services.AddScoped<WorkflowEngine>();
        feature.Services.AddScoped<ImportDefinition>();
        feature.Services.AddScoped<IWorkflowRuntime, WorkflowRuntime>();
        feature.Services.AddHostedService<TimerSweeper>();
        feature.AddRecipeStep<WorkflowsRecipeStep>();
        // Every connection of the outgoing client is checked against the guard after DNS resolution (no proxy, which would hide the target).
        feature.Services.AddHttpClient(WorkflowHttpSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<OutboundGuard>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        feature.AddEventHandler<WorkflowHttpRequested, WorkflowHttpSender>();
        feature.AddEventHandler<WorkflowNotificationRequested, WorkflowNotifier>();
        feature.AddNotificationSource<WorkflowNotificationSource>(WorkflowNotificationSource.Id, "流程通知", "/admin/workflows/notifications", WorkflowPermissions.ManageName);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        DefinitionEndpoints.Map(endpoints);
        InstanceEndpoints.Map(endpoints);
        Designer.DesignerEndpoints.Map(endpoints);
        NotificationEndpoints.Map(endpoints);
    }

    public override IEnumerable<Permission> Permissions => [WorkflowPermissions.Manage];

    public override void BuildAdminMenu(AdminMenuBuilder menu)
    {
        menu.Add("流程", "流程定义", "/admin/workflows", WorkflowPermissions.Manage, order: 600);
        menu.Add("流程", "流程实例", "/admin/workflows/instances", WorkflowPermissions.Manage, order: 610);
        menu.Add("流程", "流程通知", "/admin/workflows/notifications", WorkflowPermissions.Manage, order: 620);
    }
}
