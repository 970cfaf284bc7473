using Zhizhi.Orchard.Theming;

namespace Zhizhi.Orchard.Themes.Admin;

public sealed class Manifest : IThemeManifest
{
    public ThemeDescriptor Theme { get; } = new("Admin", "管理后台", IsAdmin: true, Description: "工作人员后台,菜单由各模块提供");
}
