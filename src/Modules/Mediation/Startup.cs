using Zhizhi.Orchard.Statistics;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Calendar;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Navigation;
using Zhizhi.Orchard.Notifications;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Mediation;

internal sealed class MediationStartup : FeatureStartup
{
    public override void ConfigureServices(FeatureBuilder feature)
    {
        // Rooms and bookings share one context (and so one migration history): slots read both.
        feature.AddModuleDbContext<MediationDbContext, MediationSqliteDbContext, MediationPostgresDbContext>(MediationDbContext.Prefix);
        feature.Services.AddScoped<CreateRoom>();
        feature.Services.AddScoped<RoomSlots>();
        feature.Services.AddScoped<Mediators.MediatorPicker>();
        feature.Services.AddScoped<Contracts.IMediatorDirectory, Mediators.MediatorDirectory>();
        feature.AddRecipeStep<MediationRoomsRecipeStep>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        RoomEndpoints.Map(endpoints);
        Mediators.MediatorEndpoints.Map(endpoints);
        Settings.SettingsEndpoints.Map(endpoints);
    }

    public override IEnumerable<Permission> Permissions => [MediationPermissions.ManageRooms];

    public override void BuildSiteMenu(SiteMenuBuilder menu)
        => menu.Add("调解预约", "/mediation", order: 40);

    public override void BuildAdminMenu(AdminMenuBuilder menu)
    {
        menu.Add("调解", "调解室", "/admin/mediation", MediationPermissions.ManageRooms, order: 400);
        menu.Add("调解", "调解员与预约规则", "/admin/mediation/mediators", MediationPermissions.ManageRooms, order: 405);
    }
}

internal sealed class BookingStartup : FeatureStartup
{
    public override void ConfigureServices(FeatureBuilder feature)
    {
        feature.Services.AddScoped<BookSlot>();
        feature.Services.AddScoped<ChangeBooking>();
        feature.Services.AddScoped<RescheduleBooking>();
        feature.Services.AddScoped<Invitations.BookingInvitations>();
        feature.AddStatsContributor<BookingStats>();
        feature.Services.AddHttpClient(Reminders.ReminderWebhookHandler.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        feature.AddEventHandler<Contracts.BookingReminderDue, Reminders.ReminderNotificationHandler>();
        feature.AddEventHandler<Contracts.BookingReminderDue, Reminders.ReminderWebhookHandler>();
        feature.Services.AddSingleton<Reminders.ReminderSweeper>();
        feature.Services.AddHostedService(sp => sp.GetRequiredService<Reminders.ReminderSweeper>());
        feature.AddNotificationSource<Notifications.MediationNotificationSource>(Notifications.MediationNotificationSource.Id, "调解预约", "/mediation/bookings");
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        BookingEndpoints.Map(endpoints);
        CalendarEndpoints.Map(endpoints);
        Invitations.BookingInvitations.Map(endpoints);
        Notifications.NotificationEndpoints.Map(endpoints);
    }

    public override IEnumerable<Permission> Permissions => [MediationPermissions.ManageBookings];

    public override void BuildAdminMenu(AdminMenuBuilder menu)
        => menu.Add("调解", "预约收件箱", "/admin/mediation/bookings", MediationPermissions.ManageBookings, order: 410);
}
