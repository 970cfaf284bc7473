namespace Zhizhi.Orchard.Navigation;

/// <summary>A link in a township's public navigation, shown while its feature is enabled.</summary>
public sealed record SiteMenuItem(string Text, string Url, int Order, string FeatureId);

public sealed class SiteMenuBuilder(string featureId)
{
    private readonly List<SiteMenuItem> _items = [];
    public IReadOnlyList<SiteMenuItem> Items => _items;

    public SiteMenuBuilder Add(string text, string url, int order = 100)
    {
        _items.Add(new SiteMenuItem(text, url, order, featureId));
        return this;
    }
}

/// <summary>The public navigation of a township, built from its enabled features; themes render it.</summary>
public interface ISiteMenu
{
    IReadOnlyList<SiteMenuItem> For(Township township);
}
