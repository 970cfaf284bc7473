using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Workflows;

public static class WorkflowPermissions
{
    public const string ManageName = "Workflows.Manage";

    public static readonly Permission Manage = new(ManageName, "导入和管理流程定义,查看、推进、取消和重试流程实例", "流程引擎", BuiltInRoles.Administrator);
}
