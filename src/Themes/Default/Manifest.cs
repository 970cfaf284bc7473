using Zhizhi.Orchard.Theming;

namespace Zhizhi.Orchard.Themes.Default;

public sealed class Manifest : IThemeManifest
{
    public ThemeDescriptor Theme { get; } = new("Default", "默认主题", Description: "面向群众的手机优先门户,使用乡镇名称、标志与配色");
}
