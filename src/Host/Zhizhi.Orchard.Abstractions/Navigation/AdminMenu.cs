using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Navigation;

/// <summary>One entry of the back-office menu. Shown only when its feature is on and the user holds the permission.</summary>
public sealed record AdminMenuItem(string Section, string Text, string Url, Permission? Permission, int Order, string FeatureId, string? Icon = null);

public sealed class AdminMenuBuilder(string featureId)
{
    private readonly List<AdminMenuItem> _items = [];
    public IReadOnlyList<AdminMenuItem> Items => _items;

    public AdminMenuBuilder Add(string section, string text, string url, Permission? permission = null, int order = 100, string? icon = null)
    {
        _items.Add(new AdminMenuItem(section, text, url, permission, order, featureId, icon));
        return this;
    }
}
