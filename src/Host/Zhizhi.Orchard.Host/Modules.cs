using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Theming;

namespace Zhizhi.Orchard.Host;

/// <summary>The modules and themes this host runs, listed explicitly: no assembly scanning, no surprises.</summary>
public static class HostModules
{
    public static IReadOnlyList<IModuleManifest> Modules { get; } =
    [
        new Users.Manifest(),
        new Townships.Manifest(),
        new LegalEducation.Manifest(),
        new Mediation.Manifest(),
        new VolunteerPoints.Manifest(),
        new Workflows.Manifest(),
        new DisputeRouting.Manifest(),
    ];

    public static IReadOnlyList<IThemeManifest> Themes { get; } =
    [
        new Themes.Default.Manifest(),
        new Themes.Admin.Manifest(),
        new Themes.Fengqiao.Manifest(),
    ];
}
