using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.DisputeRouting.Categories;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Recipes;

namespace Zhizhi.Orchard.DisputeRouting.Routing;

/// <summary>
/// When the feature is enabled: the contract's categories (if the township has none yet) and the three routing
/// recipes as workflow definitions. The definitions go through the Workflows module's own "workflows" recipe
/// step, so they are validated and versioned like any import, editable in the designer, and left alone when
/// they already exist (a township's edits survive disabling and enabling again).
/// </summary>
internal sealed class DisputeSetup(DisputesDbContext db, IEnumerable<RecipeStepRegistration> steps) : IFeatureSetup
{
    public static readonly string[] Definitions = ["dispute-three-level", "dispute-four-matters", "dispute-urban"];

    public string FeatureId => DisputeFeatures.DisputeRouting;

    public static JsonObject Definition(string id)
    {
        using var stream = typeof(DisputeSetup).Assembly.GetManifestResourceStream($"Zhizhi.Orchard.DisputeRouting.Recipes.{id}.json")
            ?? throw new InvalidOperationException($"缺少内置流程 {id}");
        return JsonNode.Parse(stream)!.AsObject();
    }

    public async Task OnEnabledAsync(Township township, IServiceProvider services, CancellationToken ct)
    {
        if (!await db.Categories.AnyAsync(ct))
        {
            var order = 0;
            foreach (var name in Category.Defaults) db.Categories.Add(new Category { Name = name, Order = ++order });
            await db.SaveChangesAsync(ct);
        }
        var registration = steps.FirstOrDefault(s => s.FeatureId == "Workflows" && services.GetRequiredService(s.StepType) is IRecipeStep { Name: "workflows" })
            ?? throw new InvalidOperationException("流程引擎未提供“workflows”配方步骤,无法安装纠纷调处流程");
        var step = (IRecipeStep)services.GetRequiredService(registration.StepType);
        var body = new JsonObject { ["definitions"] = new JsonArray([.. Definitions.Select(d => (JsonNode)Definition(d))]) };
        using var document = JsonDocument.Parse(body.ToJsonString());
        await step.ExecuteAsync(new RecipeStepContext(township, document.RootElement, services, "DisputeRouting"), ct);
    }
}
