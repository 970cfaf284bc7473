using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Townships;

public sealed class Manifest : IModuleManifest
{
    public ModuleDescriptor Module { get; } = new("Townships", "乡镇与门户",
    [
        // First feature: the module's pages belong to it unless they say otherwise.
        new FeatureDescriptor("Portal", "乡镇门户", typeof(PortalStartup), AlwaysEnabled: true,
            Availability: FeatureAvailability.Everywhere,
            Description: "首页、工作动态、村(社区)名录、乡镇设置与管理后台首页"),
        new FeatureDescriptor("Townships", "乡镇管理", typeof(TownshipsStartup), AlwaysEnabled: true,
            Availability: FeatureAvailability.Host,
            Description: "县级平台:开设乡镇、启停功能、选择主题"),
    ]);
}
