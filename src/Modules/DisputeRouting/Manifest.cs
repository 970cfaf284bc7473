using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.DisputeRouting;

public sealed class Manifest : IModuleManifest
{
    public ModuleDescriptor Module { get; } = new("DisputeRouting", "矛盾纠纷",
    [
        new FeatureDescriptor(DisputeFeatures.DisputeRouting, "矛盾纠纷调处", typeof(DisputeRoutingStartup), ["Workflows"],
            Description: "纠纷受理、按流程分级调处(三级调解等)、期限预警、哈希链时间线、回访评价与台账"),
    ]);
}

public static class DisputeFeatures
{
    public const string DisputeRouting = "DisputeRouting";
}
