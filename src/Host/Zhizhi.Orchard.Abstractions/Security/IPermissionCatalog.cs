using Zhizhi.Orchard.Navigation;

namespace Zhizhi.Orchard.Security;

/// <summary>Every permission declared by every feature, with the feature that declared it.</summary>
public interface IPermissionCatalog
{
    IReadOnlyList<(Permission Permission, string FeatureId)> All { get; }
    Permission? Find(string name);
}

/// <summary>The back-office menu for the current township and user.</summary>
public interface IAdminMenu
{
    Task<IReadOnlyList<AdminMenuItem>> ForCurrentUserAsync(Microsoft.AspNetCore.Http.HttpContext context);
}
