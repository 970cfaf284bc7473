using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace Zhizhi.Orchard.Workflows.Engine;

/// <summary>
/// Runs township-written JavaScript in a fresh, limited Jint engine: a runaway script throws
/// <see cref="ScriptFailedException"/>, which faults its instance and nothing else.
/// </summary>
public static class ScriptSandbox
{
    // The statement, recursion and memory limits stop runaway scripts within milliseconds; the wall-clock
    // limit is only a backstop, generous enough that a busy 2-core machine (or the first, JIT-compiling
    // run after a start) does not fault a healthy expression.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    public const int MaxStatements = 10_000;
    public const int MaxRecursion = 64;
    public const long MaxMemory = 4 * 1024 * 1024;

    /// <summary>The Chinese reason a script does not parse, or null when it does.</summary>
    public static string? SyntaxError(string script)
    {
        try
        {
            Jint.Engine.PrepareScript(script);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"脚本语法错误:{ex.Message}";
        }
    }

    public static JsonNode? Evaluate(string script, JsonNode? input, JsonObject properties)
    {
        var engine = new Jint.Engine(o => o
            .TimeoutInterval(Timeout)
            .MaxStatements(MaxStatements)
            .LimitRecursion(MaxRecursion)
            .LimitMemory(MaxMemory)
            .Strict(false));
        try
        {
            var parser = new JsonParser(engine);
            engine.SetValue("input", parser.Parse(input?.ToJsonString() ?? "null"));
            engine.SetValue("properties", parser.Parse(properties.ToJsonString()));
            var result = engine.Evaluate(script);
            if (result.IsUndefined()) return null;
            var json = new JsonSerializer(engine).Serialize(result);
            return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ScriptFailedException(Describe(ex), ex);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutException => $"脚本运行超过 {Timeout.TotalSeconds:0.#} 秒,已中止",
        _ when ex.GetType().Name.Contains("StatementsCount", StringComparison.Ordinal) => $"脚本执行的语句超过 {MaxStatements} 条,已中止",
        _ when ex.GetType().Name.Contains("Recursion", StringComparison.Ordinal) => $"脚本递归超过 {MaxRecursion} 层,已中止",
        _ when ex.GetType().Name.Contains("Memory", StringComparison.Ordinal) => "脚本占用内存超过限制,已中止",
        _ => $"脚本出错:{ex.Message}",
    };
}

public sealed class ScriptFailedException(string message, Exception inner) : Exception(message, inner);
