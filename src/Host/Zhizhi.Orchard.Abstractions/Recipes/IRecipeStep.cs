using System.Text.Json;

namespace Zhizhi.Orchard.Recipes;

/// <summary>
/// One named step of a recipe (a JSON file that sets a township up). Steps run inside the township's
/// scope during creation, after migrations and the admin account; a throwing step aborts the creation.
/// </summary>
public interface IRecipeStep
{
    string Name { get; }
    Task ExecuteAsync(RecipeStepContext context, CancellationToken ct);
}

public sealed record RecipeStepContext(Township Township, JsonElement Step, IServiceProvider Services, string RecipeName);

/// <summary>
/// Runs when a feature becomes enabled in a township (on creation or later), after its migrations.
/// Must be idempotent: enabling, disabling and enabling again runs it twice.
/// </summary>
public interface IFeatureSetup
{
    string FeatureId { get; }
    Task OnEnabledAsync(Township township, IServiceProvider services, CancellationToken ct);
}

/// <summary>Lets the host create a township's first administrator without knowing about Identity.</summary>
public interface ITownshipAdminSetup
{
    /// <returns>Chinese validation errors keyed by field, empty when the account can be created.</returns>
    Task<IDictionary<string, string[]>> ValidateAsync(string userName, string password, IServiceProvider services);
    /// <summary>Creates the administrator, or resets its password and role when it already exists.</summary>
    Task CreateAdminAsync(Township township, string userName, string password, IServiceProvider services, CancellationToken ct);
}

public sealed record RecipeStepRegistration(Type StepType, string FeatureId);

public static class RecipeStepExtensions
{
    public static Modules.FeatureBuilder AddRecipeStep<TStep>(this Modules.FeatureBuilder feature) where TStep : class, IRecipeStep
    {
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(feature.Services, new RecipeStepRegistration(typeof(TStep), feature.Feature.Id));
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped<TStep>(feature.Services);
        return feature;
    }

    public static Modules.FeatureBuilder AddFeatureSetup<TSetup>(this Modules.FeatureBuilder feature) where TSetup : class, IFeatureSetup
    {
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped<IFeatureSetup, TSetup>(feature.Services);
        return feature;
    }
}

/// <summary>Told about every set of features that became enabled in a township (e.g. to grant their default permissions).</summary>
public interface IFeaturesEnabledHandler
{
    Task OnFeaturesEnabledAsync(Township township, IReadOnlyCollection<string> featureIds, IServiceProvider services, CancellationToken ct);
}
