namespace Zhizhi.Orchard.Theming;

/// <summary>
/// A theme supplies layouts, partials and CSS under "Views/Themes/{Id}/" and "wwwroot/". A brand theme
/// names a <see cref="BaseTheme"/>; what it does not supply is taken from the base.
/// </summary>
public sealed record ThemeDescriptor(string Id, string Name, string? BaseTheme = null, bool IsAdmin = false, string? Description = null);

public interface IThemeManifest
{
    ThemeDescriptor Theme { get; }
}
