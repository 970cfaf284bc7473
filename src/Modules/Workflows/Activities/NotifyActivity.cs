using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Engine;

namespace Zhizhi.Orchard.Workflows.Activities;

/// <summary>A notification an instance asked for: stored in-app for its recipients and, when given, posted to a webhook.</summary>
public sealed record WorkflowNotificationRequested(string InstanceId, string ActivityId, string? CorrelationId, string Text, IReadOnlyList<string> Recipients, string? Webhook);

/// <summary>An in-app notification: shown to the users named in <see cref="Recipients"/> or holding a role named there.</summary>
public sealed class WorkflowNotification : Zhizhi.Orchard.Notifications.IAddressedNotice
{
    public long Id { get; set; }
    /// <summary>The outbox message that brought it: a redelivery finds it and adds nothing.</summary>
    public Guid MessageId { get; set; }
    public required string InstanceId { get; set; }
    public string? CorrelationId { get; set; }
    public required string Text { get; set; }
    /// <summary>User names and role names, separated by commas.</summary>
    public required string Recipients { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>"通知": renders its text (Liquid) and queues it in the outbox, for the in-app inbox and an optional outgoing webhook.</summary>
internal sealed class NotifyActivity(OutboundGuard guard) : IWorkflowActivity, IPropertyCheck
{
    public const int MaxText = 2000;

    public ActivityDescriptor Descriptor { get; } = new("Notify", "通知", "任务",
    [
        new("text", "通知内容(Liquid,如 纠纷 {{ input.title }} 已上交)", PropertyKind.Liquid),
        new("recipients", "接收人(用户名或角色名)", PropertyKind.Names),
        new("webhook", "外部 Webhook 地址(Liquid,可选)", PropertyKind.Liquid, Required: false),
    ], "站内通知接收人,并可同时推送到外部 Webhook;经发件箱可靠送出");

    public IReadOnlyList<string> Outcomes(JsonObject properties) => [Activities.Outcomes.Done];

    public IEnumerable<(string Property, string Message)> Check(JsonObject properties)
        => properties["webhook"] is JsonValue v && v.TryGetValue<string>(out var url) && url.Trim().Length > 0 && guard.CheckTemplate(url) is { } message ? [("webhook", message)] : [];

    public ActivityResult Execute(ActivityContext context)
    {
        var text = LiquidText.Render(context.Text("text")!, context.Input, context.InstanceProperties).Trim();
        if (text.Length == 0) return ActivityResult.Fault($"活动“{context.ActivityId}”的通知内容为空");
        if (text.Length > MaxText) text = text[..MaxText];
        var recipients = Activities.Outcomes.Names(context.Properties, "recipients");
        string? webhook = null;
        if (context.Text("webhook") is { Length: > 0 } template)
        {
            webhook = LiquidText.Render(template, context.Input, context.InstanceProperties).Trim();
            if (!Uri.TryCreate(webhook, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                return ActivityResult.Fault($"活动“{context.ActivityId}”的 Webhook 地址“{webhook}”不是有效的 http(s) 地址");
            if (guard.Check(uri) is { } refused) return ActivityResult.Fault($"活动“{context.ActivityId}”的 Webhook:{refused}({uri.Host})");
        }
        context.Publish(new WorkflowNotificationRequested(context.InstanceId, context.ActivityId, context.CorrelationId, text, recipients, webhook));
        return ActivityResult.Done(Activities.Outcomes.Done, JsonValue.Create(text));
    }
}

/// <summary>Stores the in-app notification once per message, then posts the webhook (a failure throws: the outbox retries, the store is not repeated).</summary>
internal sealed class WorkflowNotifier(WorkflowsDbContext db, IHttpClientFactory clients, TimeProvider clock) : IEventHandler<WorkflowNotificationRequested>
{
    public async Task HandleAsync(WorkflowNotificationRequested e, EventContext context, CancellationToken ct)
    {
        if (e.Recipients.Count > 0 && !await db.Notifications.AnyAsync(n => n.MessageId == context.MessageId, ct))
        {
            db.Notifications.Add(new WorkflowNotification
            {
                MessageId = context.MessageId, InstanceId = e.InstanceId, CorrelationId = e.CorrelationId, Text = e.Text,
                Recipients = string.Join(",", e.Recipients), CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A parallel delivery stored it first (the unique index decided); anything else is a real failure.
                db.ChangeTracker.Clear();
                if (!await db.Notifications.AsNoTracking().AnyAsync(n => n.MessageId == context.MessageId, ct)) throw;
            }
        }
        if (e.Webhook is null) return;
        using var request = new HttpRequestMessage(HttpMethod.Post, e.Webhook)
        {
            Content = JsonContent.Create(new { text = e.Text, instanceId = e.InstanceId, correlationId = e.CorrelationId, recipients = e.Recipients, township = context.Township.Name }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", context.MessageId.ToString());
        using var response = await clients.CreateClient(WorkflowHttpSender.ClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"Webhook {e.Webhook} 返回 {(int)response.StatusCode}", null, response.StatusCode);
    }
}
