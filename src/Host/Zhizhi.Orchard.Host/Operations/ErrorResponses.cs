using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.Host.Operations;

/// <summary>
/// One place that turns an error into a response: problem+json with a Chinese detail for the API
/// (and for clients that ask for JSON), a short Chinese page for browsers.
/// </summary>
internal static class ErrorResponses
{
    public static bool WantsJson(HttpContext context)
        => context.Request.Path.StartsWithSegments("/api")
           || context.Request.Path.StartsWithSegments("/openapi")
           || context.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);

    public static string DefaultDetail(int status) => status switch
    {
        400 => "请求无效,请检查后重试",
        401 => "请先登录,或提供有效的访问令牌",
        403 => "您没有执行此操作的权限",
        404 => "您访问的内容不存在",
        405 => "该地址不支持此请求方法",
        409 => "操作与当前状态冲突",
        413 => "请求体过大",
        415 => "请以 application/json 格式提交",
        429 => "请求过于频繁,请稍后再试",
        503 => "服务暂不可用,请稍后再试",
        _ => "服务器内部错误,请稍后再试",
    };

    public static async Task WriteAsync(HttpContext context, int status, string? detail = null)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        detail ??= DefaultDetail(status);
        if (WantsJson(context))
        {
            var problem = new ProblemDetails { Status = status, Title = Problems.Title(status), Detail = detail };
            problem.Extensions["traceId"] = context.TraceIdentifier;
            context.Response.ContentType = "application/problem+json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, problem, JsonOptions);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        var home = WebUtility.HtmlEncode(context.Request.PathBase.HasValue ? context.Request.PathBase.Value + "/" : "/");
        var title = $"{status} {Problems.Title(status)}";
        await context.Response.WriteAsync(
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + $"<title>{title}</title><style>{ErrorPageCss}</style></head><body><main><h1>{title}</h1>"
            + $"<p>{WebUtility.HtmlEncode(detail)}</p><p><a href=\"{home}\">返回首页</a></p></main></body></html>");
    }

    private const string ErrorPageCss = "body{font-family:system-ui,'WenQuanYi Micro Hei',sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2937}h1{color:#b91c1c}a{color:#1d4ed8}";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Status codes for exceptions that are the client's fault.</summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ => 500,
    };

    public static string DetailOf(Exception exception, int status) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => $"请求体不是有效的 JSON{(json.Path is { Length: > 1 } p ? $"(位置 {p})" : "")}",
        BadHttpRequestException { StatusCode: 413 } => "请求体过大",
        BadHttpRequestException { StatusCode: 415 } => "请以 application/json 格式提交",
        BadHttpRequestException b when b.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => "缺少请求体或请求体格式不正确",
        BadHttpRequestException b when b.Message.Contains("parameter", StringComparison.OrdinalIgnoreCase) => "请求参数格式不正确",
        _ => DefaultDetail(status),
    };

    public static async Task HandleExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = exception is null ? 500 : StatusOf(exception);
        await WriteAsync(context, status, exception is null ? null : DetailOf(exception, status));
    }
}
