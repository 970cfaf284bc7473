using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Mediation.Contracts;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Notifications;
using Zhizhi.Orchard.Mediation.Settings;

namespace Zhizhi.Orchard.Mediation.Reminders;

/// <summary>Tomorrow's reminder in the app, for the applicant and (if they accepted) the other party.</summary>
internal sealed class ReminderNotificationHandler(MediationDbContext db, TimeProvider clock) : IEventHandler<BookingReminderDue>
{
    public async Task HandleAsync(BookingReminderDue e, EventContext context, CancellationToken ct)
    {
        if (await db.Notifications.AnyAsync(n => n.SourceId == context.MessageId, ct)) return;
        var body = $"{e.Start:M月d日 HH:mm}在{e.RoomName}({e.Address})调解,预约码 {e.Code}。请按时到场。";
        foreach (var user in new[] { e.ApplicantId, e.OtherPartyUserId }.OfType<string>().Distinct())
            db.Notifications.Add(new Notification
            {
                UserId = user, Title = "调解预约提醒", Body = body, Link = "mediation/bookings", SourceId = context.MessageId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// POSTs the reminder as JSON to the township's webhook (an SMS gateway, say). A failure throws, so the
/// outbox retries with back-off; the gateway should de-duplicate on "messageId".
/// </summary>
internal sealed class ReminderWebhookHandler(MediationDbContext db, IHttpClientFactory http) : IEventHandler<BookingReminderDue>
{
    public const string ClientName = "mediation-webhook";

    public async Task HandleAsync(BookingReminderDue e, EventContext context, CancellationToken ct)
    {
        var url = (await MediationSettingsStore.GetAsync(db, ct)).ReminderWebhookUrl;
        if (string.IsNullOrEmpty(url)) return;
        using var client = http.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync(url, new
        {
            kind = "mediation.reminder",
            messageId = context.MessageId,
            township = context.Township.Name,
            bookingId = e.BookingId,
            code = e.Code,
            roomName = e.RoomName,
            address = e.Address,
            start = e.Start,
            end = e.End,
            category = e.Category,
            applicantId = e.ApplicantId,
            applicantName = e.ApplicantName,
            otherPartyUserId = e.OtherPartyUserId,
            text = $"【调解提醒】您预约的调解将于{e.Start:M月d日 HH:mm}在{e.RoomName}进行,预约码 {e.Code},请按时到场。",
        }, ct);
        response.EnsureSuccessStatusCode();
    }
}
