using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Theming;

/// <summary>
/// A block a feature adds to the township's home page (e.g. 普法's featured articles): a partial view
/// (an app-relative path such as "/Areas/X/Pages/_Home.cshtml") and the model it is rendered with.
/// Shown only where the feature is enabled; sections are ordered by <see cref="Order"/>.
/// </summary>
public interface IHomeSection
{
    int Order { get; }

    string PartialView { get; }

    /// <returns>The partial's model, or null to show nothing (e.g. nothing featured yet).</returns>
    Task<object?> LoadAsync(CancellationToken ct);
}

public sealed record HomeSectionRegistration(Type SectionType, string FeatureId);

public static class HomeSectionExtensions
{
    public static FeatureBuilder AddHomeSection<T>(this FeatureBuilder feature) where T : class, IHomeSection
    {
        feature.Services.AddSingleton(new HomeSectionRegistration(typeof(T), feature.Feature.Id));
        feature.Services.AddScoped<T>();
        return feature;
    }
}
