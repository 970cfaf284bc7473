using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Zhizhi.Orchard.Http;

/// <summary>problem+json results with Chinese titles; every API error goes through here.</summary>
public static class Problems
{
    public static string Title(int status) => status switch
    {
        400 => "请求无效",
        401 => "未登录或凭据无效",
        403 => "没有权限",
        404 => "未找到",
        405 => "不支持的请求方法",
        409 => "冲突",
        413 => "请求体过大",
        415 => "不支持的内容类型",
        429 => "请求过于频繁",
        503 => "服务暂不可用",
        _ when status >= 500 => "服务器内部错误",
        _ => "请求失败",
    };

    public static ProblemHttpResult Problem(int status, string detail)
        => TypedResults.Problem(statusCode: status, title: Title(status), detail: detail);

    public static ProblemHttpResult BadRequest(string detail) => Problem(400, detail);
    public static ProblemHttpResult NotFound(string detail) => Problem(404, detail);
    public static ProblemHttpResult Conflict(string detail) => Problem(409, detail);
    public static ProblemHttpResult Forbidden(string detail) => Problem(403, detail);
    public static ProblemHttpResult Unauthorized(string detail) => Problem(401, detail);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null)
        => TypedResults.ValidationProblem(errors, detail: detail ?? string.Join(";", errors.SelectMany(e => e.Value)), title: Title(400));

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Collects field errors in Chinese while a request is checked.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Required(string field, string? value, string label, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"{label}不能为空");
        else if (value.Length > maxLength) Add(field, $"{label}不能超过 {maxLength} 个字符");
        return this;
    }

    public Validation Optional(string field, string? value, string label, int maxLength)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"{label}不能超过 {maxLength} 个字符");
        return this;
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public ValidationProblem Problem() => Problems.Invalid(Errors);
}
