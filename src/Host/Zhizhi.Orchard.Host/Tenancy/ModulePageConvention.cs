using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>Pages in a module's area belong to the module's first feature (pages may add [RequiresFeature]).</summary>
internal sealed class ModulePageConvention(FeatureCatalog features) : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        if (model.AreaName is null) return;
        var module = features.Modules.FirstOrDefault(m => m.Id == model.AreaName);
        if (module is null || module.Features.Count == 0) return;
        foreach (var selector in model.Selectors)
            selector.EndpointMetadata.Add(new FeatureMetadata(module.Features[0].Id));
    }
}
