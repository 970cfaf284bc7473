using System.Reflection;
using System.Text.Json;
using Zhizhi.Orchard.Host.Tenancy;
using Zhizhi.Orchard.Recipes;

namespace Zhizhi.Orchard.Host.Recipes;

/// <summary>A recipe: the features, theme, settings and steps that set a township up.</summary>
public sealed record Recipe(string Name, string DisplayName, string? Description, string[]? Features, string? Theme, TownshipSettings? Settings, JsonElement[] Steps)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>Recipes embedded in the host and module assemblies (resources named *.recipe.json).</summary>
internal sealed class RecipeCatalog
{
    private readonly Dictionary<string, Recipe> _recipes = new(StringComparer.Ordinal);

    public RecipeCatalog(ModuleComposition composition)
    {
        var assemblies = composition.Features.Modules.Select(m => m.Assembly).Append(typeof(RecipeCatalog).Assembly).Distinct();
        foreach (var assembly in assemblies)
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".recipe.json", StringComparison.Ordinal)))
            {
                var recipe = Load(assembly, resource);
                if (!_recipes.TryAdd(recipe.Name, recipe))
                    throw new InvalidOperationException($"Recipe '{recipe.Name}' is declared twice.");
            }
    }

    public IEnumerable<Recipe> All => _recipes.Values.OrderBy(r => r.Name);

    public Recipe? Find(string name) => _recipes.GetValueOrDefault(name);

    private static Recipe Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return JsonSerializer.Deserialize<Recipe>(stream, Recipe.Json)
            ?? throw new InvalidOperationException($"Recipe resource '{resource}' is empty.");
    }
}

/// <summary>Runs a recipe's steps inside a township scope. Steps of features the township lacks are skipped.</summary>
internal sealed class RecipeRunner(IEnumerable<RecipeStepRegistration> registrations)
{
    private readonly RecipeStepRegistration[] _registrations = [.. registrations];

    public async Task RunAsync(Recipe recipe, Township township, IServiceProvider scope, CancellationToken ct)
    {
        foreach (var step in recipe.Steps)
        {
            var name = step.TryGetProperty("name", out var n) ? n.GetString() : null;
            var (instance, featureId) = Resolve(scope, name);
            if (instance is null)
                throw new InvalidOperationException($"配方“{recipe.Name}”含有未知步骤“{name}”");
            if (!township.IsEnabled(featureId)) continue;
            await instance.ExecuteAsync(new RecipeStepContext(township, step, scope, recipe.Name), ct);
        }
    }

    /// <summary>Names of steps this host knows, for validating recipes before any work starts.</summary>
    public IEnumerable<string> UnknownSteps(Recipe recipe, IServiceProvider scope)
        => recipe.Steps.Select(s => s.TryGetProperty("name", out var n) ? n.GetString() : null)
            .Where(name => Resolve(scope, name).Step is null)
            .Select(name => name ?? "(无名称)");

    private (IRecipeStep? Step, string FeatureId) Resolve(IServiceProvider scope, string? name)
    {
        foreach (var registration in _registrations)
        {
            var step = (IRecipeStep)scope.GetRequiredService(registration.StepType);
            if (step.Name == name) return (step, registration.FeatureId);
        }
        return (null, "");
    }
}
