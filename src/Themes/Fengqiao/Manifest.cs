using Zhizhi.Orchard.Theming;

namespace Zhizhi.Orchard.Themes.Fengqiao;

public sealed class Manifest : IThemeManifest
{
    public ThemeDescriptor Theme { get; } = new("Fengqiao", "枫桥红(品牌主题)", BaseTheme: "Default",
        Description: "一镇一品牌:红金配色、横幅式页头,替换默认主题的布局与样式");
}
