using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Workflows.Engine;

/// <summary>An activity queued to run; <see cref="Race"/> names the racing fork it descends from, if any.</summary>
public sealed record Token(string ActivityId, string? From, string? Outcome, string? Race);

/// <summary>
/// Something an instance waits for. Timers also have a row in workflows_timers, except while paused: then
/// <see cref="Remaining"/> holds the time that was left and the row is gone until the timers are resumed.
/// </summary>
public sealed record Bookmark(string ActivityId, string Kind, string? Signal, DateTime? DueAt, string? Race)
{
    /// <summary>Set while the timer is paused: the time it still had to run when it was paused.</summary>
    public TimeSpan? Remaining { get; init; }
}

/// <summary>The engine's bookkeeping, stored as JSON in the instance row.</summary>
public sealed class EngineState
{
    public List<Bookmark> Waiting { get; set; } = [];
    /// <summary>Activities still to run: empty between steps, except after a fault (retry starts here).</summary>
    public List<Token> Pending { get; set; } = [];
    /// <summary>Per join: the incoming transitions ("from/outcome") that have arrived.</summary>
    public Dictionary<string, List<string>> Joins { get; set; } = [];
}

/// <summary>An instance with its JSON columns parsed, for the length of one step.</summary>
internal sealed class InstanceSession(WorkflowInstance instance, DefinitionDocument definition)
{
    private static readonly JsonSerializerOptions Json = DefinitionDocument.JsonOptions;

    public WorkflowInstance Instance { get; } = instance;
    public DefinitionDocument Definition { get; } = definition;
    public JsonNode? Input { get; } = JsonNode.Parse(instance.Input);
    public JsonObject Properties { get; } = JsonNode.Parse(instance.Properties)?.AsObject() ?? [];
    public JsonObject Outputs { get; } = JsonNode.Parse(instance.Outputs)?.AsObject() ?? [];
    public JsonArray Path { get; } = JsonNode.Parse(instance.Path)?.AsArray() ?? [];
    public EngineState State { get; } = JsonSerializer.Deserialize<EngineState>(instance.State, Json) ?? new();

    public void Write(DateTime now)
    {
        Instance.Properties = Properties.ToJsonString();
        Instance.Outputs = Outputs.ToJsonString();
        Instance.Path = Path.ToJsonString();
        Instance.State = JsonSerializer.Serialize(State, Json);
        Instance.UpdatedAt = now;
        Instance.Revision++;
    }
}
