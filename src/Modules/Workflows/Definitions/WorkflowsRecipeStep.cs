using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Workflows.Definitions;

/// <summary>
/// Recipe step "workflows": imports the definitions listed in "definitions" (inline JSON), or without
/// a body the built-in "三级调解". A definition whose id exists is left alone, so the step is re-runnable.
/// </summary>
internal sealed class WorkflowsRecipeStep(WorkflowsDbContext db, ImportDefinition import) : IRecipeStep
{
    public const string DefaultResource = "Zhizhi.Orchard.Workflows.Recipes.three-level-mediation.json";
    public string Name => "workflows";

    private sealed record Step(List<DefinitionDocument>? Definitions);

    public static DefinitionDocument ThreeLevelMediation()
    {
        using var stream = typeof(WorkflowsRecipeStep).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"缺少内置流程 {DefaultResource}");
        return JsonSerializer.Deserialize<DefinitionDocument>(stream, DefinitionDocument.JsonOptions)!;
    }

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var step = context.Step.Deserialize<Step>(DefinitionDocument.JsonOptions);
        foreach (var definition in step?.Definitions ?? [ThreeLevelMediation()])
        {
            var v = import.Validate(definition);
            if (!v.IsValid) throw new InvalidOperationException($"配方中的流程“{definition.Id}”无效:{string.Join(";", v.Errors.SelectMany(e => e.Value))}");
            if (await db.Definitions.AnyAsync(d => d.Id == definition.Id, ct)) continue;
            await import.ExecuteAsync(definition, "系统", ct);
        }
    }
}
