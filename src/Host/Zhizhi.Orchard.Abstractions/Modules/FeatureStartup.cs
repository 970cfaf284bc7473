using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Navigation;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Modules;

/// <summary>
/// One small class per feature. Services are registered once for the whole process (one container);
/// endpoints are mapped once and answer under every township prefix, gated by the feature.
/// </summary>
public abstract class FeatureStartup
{
    public virtual void ConfigureServices(FeatureBuilder feature) { }

    /// <summary>The route builder handed in already carries the feature gate.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }

    public virtual IEnumerable<Permission> Permissions => [];

    public virtual void BuildAdminMenu(AdminMenuBuilder menu) { }

    /// <summary>Links this feature adds to the township's public navigation.</summary>
    public virtual void BuildSiteMenu(SiteMenuBuilder menu) { }
}

/// <summary>Registration helpers that remember which feature registered what.</summary>
public sealed class FeatureBuilder(IServiceCollection services, FeatureDescriptor feature, IConfiguration configuration)
{
    public IServiceCollection Services { get; } = services;
    public FeatureDescriptor Feature { get; } = feature;
    public IConfiguration Configuration { get; } = configuration;
}

/// <summary>Endpoint metadata naming a feature an endpoint belongs to; all that are named must be enabled.</summary>
public interface IFeatureMetadata
{
    string FeatureId { get; }
}

/// <summary>Puts a page or endpoint under a feature other than its module's first one.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresFeatureAttribute(string featureId) : Attribute, IFeatureMetadata
{
    public string FeatureId { get; } = featureId;
}

public sealed record FeatureMetadata(string FeatureId) : IFeatureMetadata;

/// <summary>The features the host runs, for pages that show or switch them.</summary>
public interface IFeatureNames
{
    string NameOf(string featureId);
    IReadOnlyList<FeatureDescriptor> ForTownships { get; }
}
