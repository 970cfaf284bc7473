using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.DisputeRouting;

public sealed class Manifest : IModuleManifest
{
    public ModuleDescriptor Module { get; } = new("DisputeRouting", "矛盾纠纷",
    [
        new FeatureDescriptor(DisputeFeatures.DisputeRouting, "矛盾纠纷调处", typeof(DisputeRoutingStartup), ["Workflows"],
            Description: "纠纷受理、按流程分级调处(三级调解等)、期限预警、哈希链时间线、回访评价与台账"),
        new FeatureDescriptor(County.CountyInboxStartup.FeatureId, "县级纠纷收件箱", typeof(County.CountyInboxStartup), AlwaysEnabled: true,
            Availability: FeatureAvailability.Host, Description: "县级平台接收乡镇上交的纠纷,受理并登记化解、不予受理或引导诉讼,结果回传乡镇案件"),
    ]);
}

public static class DisputeFeatures
{
    public const string DisputeRouting = "DisputeRouting";
}
