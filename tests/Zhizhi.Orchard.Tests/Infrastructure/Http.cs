using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Zhizhi.Orchard.Tests.Infrastructure;

public static partial class Http
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body)
        => client.PostAsJsonAsync(url, body, CT);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string contentType = "application/json")
        => client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType), CT);

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string url, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return client.SendAsync(request, CT);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(CT);
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"Expected JSON, got {(int)response.StatusCode} {response.Content.Headers.ContentType}: {Shorten(text)} ({ex.Message})");
        }
    }

    /// <summary>
    /// Submits a page's form the way a browser would: antiforgery cookie and field from a GET of <paramref name="page"/>
    /// first, then a POST to <paramref name="page"/> + <paramref name="query"/> (e.g. "?handler=Save").
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string page, string query, Dictionary<string, string> fields)
    {
        var ct = TestContext.Current.CancellationToken;
        using var get = await client.GetAsync(page, ct);
        await get.ShouldBeAsync(HttpStatusCode.OK);
        var html = await get.Content.ReadAsStringAsync(ct);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the page has no antiforgery field");
        var cookies = get.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("; ", values.Select(v => v.Split(';')[0])) : "";
        fields["__RequestVerificationToken"] = token;
        var request = new HttpRequestMessage(HttpMethod.Post, page + query) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request, ct);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url, CT);
        await response.ShouldBeAsync(expected);
        return await response.JsonAsync();
    }

    /// <summary>Asserts the status code, showing the body when it is not the expected one.</summary>
    public static async Task ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode == expected) return;
        var body = await response.Content.ReadAsStringAsync(CT);
        throw new Xunit.Sdk.XunitException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {Shorten(body)}");
    }

    /// <summary>
    /// Asserts an RFC 9457 problem: the status, application/problem+json, a title, and a Chinese detail a
    /// person can act on. Returns the document for further checks (e.g. <c>errors</c>).
    /// </summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ShouldBeAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        var detail = problem.GetProperty("detail").GetString();
        Assert.True(detail is not null && Chinese().IsMatch(detail), $"detail should be Chinese, was: {detail}");
        return problem;
    }

    /// <summary>The validation messages of one field of a problem, asserting there is at least one, each in Chinese.</summary>
    public static string[] FieldErrors(this JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"problem has no errors: {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"problem has no errors.{field}: {errors}");
        var list = messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.NotEmpty(list);
        Assert.All(list, m => Assert.Matches(Chinese(), m));
        return list;
    }

    public static async Task<string> TokenAsync(this HttpClient client, string userName, string password)
    {
        using var response = await client.PostJsonAsync("api/auth/token", new { userName, password });
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("accessToken").GetString()!;
    }

    public static string[] Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    public static partial Regex Chinese();

    private static string Shorten(string s) => s.Length > 1500 ? s[..1500] + "…" : s;
}
