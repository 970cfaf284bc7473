using System.Text.Json.Nodes;
using Scriban;
using Scriban.Runtime;

namespace Zhizhi.Orchard.Workflows.Engine;

/// <summary>
/// Texts written by a township (a notification, a request body) as Liquid templates, run by Scriban in Liquid
/// mode with the instance's <c>input</c> and <c>properties</c>. Limited like scripts: loops, recursion, output
/// length and time; no template loader, so <c>include</c> reads nothing.
/// </summary>
public static class LiquidText
{
    public const int LoopLimit = 1000;
    public const int RecursiveLimit = 32;
    public const int MaxOutput = 64 * 1024;
    /// <summary>A backstop behind the loop, recursion and output limits (2 s faulted healthy templates on a loaded machine, as it did for scripts).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The Chinese reason a template does not parse, or null when it does.</summary>
    public static string? SyntaxError(string text)
    {
        var template = Template.ParseLiquid(text);
        return template.HasErrors ? $"Liquid 模板语法错误:{string.Join(";", template.Messages.Select(m => m.Message))}" : null;
    }

    /// <exception cref="ScriptFailedException">The template does not parse, or fails or exceeds a limit while rendering.</exception>
    public static string Render(string text, JsonNode? input, JsonObject properties)
    {
        var template = Template.ParseLiquid(text);
        if (template.HasErrors) throw new ScriptFailedException(SyntaxError(text)!, new InvalidOperationException(text));
        var globals = new ScriptObject
        {
            ["input"] = ToScriban(input),
            ["properties"] = ToScriban(properties),
        };
        using var cts = new CancellationTokenSource(Timeout);
        var context = new LiquidTemplateContext
        {
            LoopLimit = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            LimitToString = MaxOutput,
            CancellationToken = cts.Token,
            TemplateLoader = null,
        };
        context.PushGlobal(globals);
        try
        {
            var output = template.Render(context);
            return output.Length > MaxOutput ? throw new ScriptFailedException($"Liquid 模板输出超过 {MaxOutput / 1024} KB", new InvalidOperationException()) : output;
        }
        catch (ScriptFailedException)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw new ScriptFailedException($"Liquid 模板运行超过 {Timeout.TotalSeconds:0} 秒,已中止", ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ScriptFailedException($"Liquid 模板出错:{ex.Message}", ex);
        }
    }

    private static object? ToScriban(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.Aggregate(new ScriptObject(), (s, p) => { s[p.Key] = ToScriban(p.Value); return s; }),
        JsonArray a => new ScriptArray(a.Select(ToScriban)),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
