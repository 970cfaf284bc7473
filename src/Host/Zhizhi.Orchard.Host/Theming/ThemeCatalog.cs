using Microsoft.AspNetCore.Mvc.Razor;
using Zhizhi.Orchard.Theming;

namespace Zhizhi.Orchard.Host.Theming;

internal sealed class ThemeCatalog(IEnumerable<IThemeManifest> manifests)
{
    private readonly Dictionary<string, ThemeDescriptor> _themes = manifests.Select(m => m.Theme).ToDictionary(t => t.Id, StringComparer.Ordinal);

    public ThemeDescriptor? Find(string id) => _themes.GetValueOrDefault(id);

    public IEnumerable<ThemeDescriptor> Public => _themes.Values.Where(t => !t.IsAdmin);

    /// <summary>The theme and its bases, most specific first.</summary>
    public IEnumerable<string> Chain(string id)
    {
        var seen = new HashSet<string>();
        for (var theme = Find(id); theme is not null && seen.Add(theme.Id); theme = theme.BaseTheme is null ? null : Find(theme.BaseTheme))
            yield return theme.Id;
    }
}

/// <summary>
/// Layouts and partials (names starting with "_") are looked up in the township's theme first, then in
/// its base theme, then in the Admin theme; module views never name a theme.
/// </summary>
internal sealed class ThemeViewLocationExpander : IViewLocationExpander
{
    private const string Key = "theme";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        var accessor = context.ActionContext.HttpContext.RequestServices.GetRequiredService<ITownshipAccessor>();
        context.Values[Key] = accessor is Tenancy.TownshipAccessor { HasValue: true } ? accessor.Current.Theme : "Default";
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (!context.ViewName.StartsWith('_')) return viewLocations;
        var themes = context.ActionContext.HttpContext.RequestServices.GetRequiredService<ThemeCatalog>();
        var theme = context.Values.TryGetValue(Key, out var t) && t is not null ? t : "Default";
        var chain = themes.Chain(theme).Append("Default").Append("Admin").Distinct();
        return chain.Select(id => $"/Views/Themes/{id}/{{0}}.cshtml").Concat(viewLocations);
    }
}
