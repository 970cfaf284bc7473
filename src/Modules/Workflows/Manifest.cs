using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Workflows;

public sealed class Manifest : IModuleManifest
{
    public ModuleDescriptor Module { get; } = new("Workflows", "流程引擎",
    [
        new FeatureDescriptor(WorkflowFeatures.Workflows, "流程引擎", typeof(WorkflowsStartup),
            Description: "可配置的业务流程:活动与结果连线、人工任务、信号与定时、条件分支与并行;定义有版本,实例固定在启动时的版本"),
    ]);
}

public static class WorkflowFeatures
{
    public const string Workflows = "Workflows";
}
