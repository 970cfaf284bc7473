using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zhizhi.Orchard.Workflows.Definitions;

/// <summary>One version of a definition. Versions are never changed: an import of an existing id adds the next one.</summary>
public sealed class WorkflowDefinition
{
    public required string Id { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public bool Enabled { get; set; }
    /// <summary>The definition as imported (<see cref="DefinitionDocument"/>), with its version filled in.</summary>
    public required string Json { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    public DefinitionDocument Document() => JsonSerializer.Deserialize<DefinitionDocument>(Json, DefinitionDocument.JsonOptions)!;
}

/// <summary>The JSON shape of a definition, for import and export alike. Durations stay ISO 8601 strings.</summary>
public sealed record DefinitionDocument(
    string? Id,
    string? Name,
    bool? Enabled,
    int? Version,
    List<ActivityNode>? Activities,
    List<Transition>? Transitions,
    List<string>? StartActivities)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public ActivityNode Activity(string id) => Activities!.First(a => a.Id == id);

    public IEnumerable<Transition> From(string activityId, string outcome)
        => Transitions!.Where(t => t.From == activityId && t.Outcome == outcome);
}

/// <summary>One activity of a definition; <paramref name="X"/> and <paramref name="Y"/> are its place on the designer's canvas (layout only, ignored by the engine).</summary>
public sealed record ActivityNode(string? Id, string? Type, string? Name, JsonObject? Properties, double? X = null, double? Y = null);

public sealed record Transition(string? From, string? Outcome, string? To);

public sealed record DefinitionSummary(string Id, string Name, bool Enabled, int Version);
