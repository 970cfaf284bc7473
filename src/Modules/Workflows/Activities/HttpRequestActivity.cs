using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Engine;

namespace Zhizhi.Orchard.Workflows.Activities;

/// <summary>An outgoing HTTP request an instance asked for; it leaves through the Workflows outbox after the step commits.</summary>
public sealed record WorkflowHttpRequested(string InstanceId, string ActivityId, string? CorrelationId, string Method, string Url, string? Body, string ContentType);

/// <summary>
/// "HTTP 请求": renders the address and the body (Liquid) and queues the request in the outbox, so that a crash
/// neither loses it nor sends it twice from one step. The response does not flow back into the instance.
/// </summary>
internal sealed class HttpRequestActivity(OutboundGuard guard) : IWorkflowActivity, IPropertyCheck
{
    private static readonly string[] Methods = ["POST", "PUT", "PATCH", "GET", "DELETE"];

    public ActivityDescriptor Descriptor { get; } = new("HttpRequest", "HTTP 请求", "任务",
    [
        new("url", "地址(Liquid,如 https://example.org/api/{{ input.caseNo }})", PropertyKind.Liquid),
        new("method", "方法(POST、PUT、PATCH、GET、DELETE,默认 POST)", PropertyKind.Text, Required: false),
        new("body", "请求体(Liquid)", PropertyKind.Liquid, Required: false),
        new("contentType", "内容类型(默认 application/json)", PropertyKind.Text, Required: false),
    ], "向外部系统(如 12345 热线)发送请求;经发件箱可靠送出,失败自动重试");

    public IReadOnlyList<string> Outcomes(JsonObject properties) => [Activities.Outcomes.Done];

    public IEnumerable<(string Property, string Message)> Check(JsonObject properties)
        => properties["url"] is JsonValue v && v.TryGetValue<string>(out var url) && guard.CheckTemplate(url) is { } message ? [("url", message)] : [];

    public ActivityResult Execute(ActivityContext context)
    {
        var method = (context.Text("method") is { Length: > 0 } m ? m.Trim() : "POST").ToUpperInvariant();
        if (!Methods.Contains(method)) return ActivityResult.Fault($"活动“{context.ActivityId}”的方法“{method}”不受支持");
        var url = LiquidText.Render(context.Text("url")!, context.Input, context.InstanceProperties).Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return ActivityResult.Fault($"活动“{context.ActivityId}”的地址“{url}”不是有效的 http(s) 地址");
        if (guard.Check(uri) is { } refused) return ActivityResult.Fault($"活动“{context.ActivityId}”:{refused}({uri.Host})");
        var body = context.Text("body") is { Length: > 0 } template ? LiquidText.Render(template, context.Input, context.InstanceProperties) : null;
        var contentType = context.Text("contentType") is { Length: > 0 } c ? c.Trim() : "application/json";
        if (!MediaTypeHeaderValue.TryParse(contentType, out _)) return ActivityResult.Fault($"活动“{context.ActivityId}”的内容类型“{contentType}”无效");
        context.Publish(new WorkflowHttpRequested(context.InstanceId, context.ActivityId, context.CorrelationId, method, uri.ToString(), body, contentType));
        return ActivityResult.Done(Activities.Outcomes.Done, new JsonObject { ["method"] = method, ["url"] = uri.ToString() });
    }
}

/// <summary>
/// Sends queued requests. A failure (no answer, a non-2xx status) throws, so the outbox tries again later;
/// every attempt carries the same Idempotency-Key (the outbox message id) for the receiver to drop repeats.
/// </summary>
internal sealed partial class WorkflowHttpSender(IHttpClientFactory clients, ILogger<WorkflowHttpSender> logger) : IEventHandler<WorkflowHttpRequested>
{
    public const string ClientName = "Zhizhi.Workflows";

    public async Task HandleAsync(WorkflowHttpRequested e, EventContext context, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(new HttpMethod(e.Method), e.Url);
        if (e.Body is not null) request.Content = new StringContent(e.Body, Encoding.UTF8, MediaTypeHeaderValue.Parse(e.ContentType).MediaType!);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", context.MessageId.ToString());
        request.Headers.TryAddWithoutValidation("X-Zhizhi-Township", context.Township.Name);
        request.Headers.TryAddWithoutValidation("X-Zhizhi-Workflow-Instance", e.InstanceId);
        if (e.CorrelationId is not null) request.Headers.TryAddWithoutValidation("X-Zhizhi-Correlation-Id", e.CorrelationId);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            LogRefused(logger, e.Url, (int)response.StatusCode, context.Attempt);
            throw new HttpRequestException($"{e.Method} {e.Url} 返回 {(int)response.StatusCode}", null, response.StatusCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow HTTP request to {Url} answered {Status} (attempt {Attempt}); the outbox will retry")]
    private static partial void LogRefused(ILogger logger, string url, int status, int attempt);
}
