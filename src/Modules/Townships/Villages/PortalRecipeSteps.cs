using System.Text.Json;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Townships.Notices;

namespace Zhizhi.Orchard.Townships.Villages;

/// <summary>Recipe step "villages": the township's villages and communities.</summary>
internal sealed class VillagesRecipeStep(AddVillage add) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Name => "villages";

    private sealed record Step(VillageRequest[] Villages);

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        foreach (var village in context.Step.Deserialize<Step>(Json)?.Villages ?? [])
        {
            var v = AddVillage.Validate(village);
            if (!v.IsValid) throw new InvalidOperationException($"配方中的村(社区)“{village.Name}”无效:{string.Join(";", v.Errors.SelectMany(e => e.Value))}");
            _ = await add.ExecuteAsync(village, ct) ?? throw new InvalidOperationException($"配方中的村(社区)“{village.Name}”重复");
        }
    }
}

/// <summary>Recipe step "notices": news items for the home page.</summary>
internal sealed class NoticesRecipeStep(PublishNotice publish) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Name => "notices";

    private sealed record Step(NoticeRequest[] Notices);

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        foreach (var notice in context.Step.Deserialize<Step>(Json)?.Notices ?? [])
        {
            var v = PublishNotice.Validate(notice);
            if (!v.IsValid) throw new InvalidOperationException($"配方中的动态“{notice.Title}”无效:{string.Join(";", v.Errors.SelectMany(e => e.Value))}");
            await publish.ExecuteAsync(notice, "系统", ct);
        }
    }
}
