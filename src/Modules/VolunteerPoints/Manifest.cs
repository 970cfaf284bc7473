using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.VolunteerPoints;

public sealed class Manifest : IModuleManifest
{
    public ModuleDescriptor Module { get; } = new("VolunteerPoints", "志愿积分",
    [
        new FeatureDescriptor(VolunteerFeatures.VolunteerPoints, "志愿积分", typeof(VolunteerPointsStartup),
            Description: "志愿活动的发布、报名与签到;按活动或手工发放积分;只增不改的积分台账"),
        new FeatureDescriptor(VolunteerFeatures.PointsExchange, "爱心超市", typeof(PointsExchangeStartup), [VolunteerFeatures.VolunteerPoints],
            Description: "积分兑换生活用品:商品与库存、兑换码预留、店员凭码发放、取消退回"),
    ]);
}

public static class VolunteerFeatures
{
    public const string VolunteerPoints = "VolunteerPoints";
    public const string PointsExchange = "PointsExchange";
}
