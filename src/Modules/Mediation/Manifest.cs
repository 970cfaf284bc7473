using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Mediation;

public sealed class Manifest : IModuleManifest
{
    public ModuleDescriptor Module { get; } = new("Mediation", "调解",
    [
        new FeatureDescriptor(MediationFeatures.Mediation, "调解室", typeof(MediationStartup),
            Description: "调解室与品牌调解工作室:品牌故事、地址、擅长领域、开放时间、调解员"),
        new FeatureDescriptor(MediationFeatures.Booking, "调解预约", typeof(BookingStartup), [MediationFeatures.Mediation],
            Description: "居民在线预约调解时段,工作人员确认或婉拒;每个调解室的 iCalendar 日历"),
    ]);
}

public static class MediationFeatures
{
    public const string Mediation = "Mediation";
    public const string Booking = "Mediation.Booking";
}
