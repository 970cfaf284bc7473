using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Townships;

public static class TownshipsPermissions
{
    public static readonly Permission ManageTownships = new("Townships.Manage", "开设和管理乡镇", "县级平台", BuiltInRoles.Administrator);
    public static readonly Permission ManageSettings = new("Portal.ManageSettings", "修改本乡镇的名称、标志、配色与简介", "乡镇门户", BuiltInRoles.Administrator);
    public static readonly Permission ManageVillages = new("Portal.ManageVillages", "维护村(社区)名录", "乡镇门户", BuiltInRoles.Administrator);
    public static readonly Permission ViewStats = new("Stats.View", "查看统计数字", "乡镇门户",
        BuiltInRoles.Administrator, BuiltInRoles.Mediator, BuiltInRoles.GridWorker);
    public static readonly Permission ViewOrganisation = new("Portal.ViewOrganisation", "查看组织架构(网格、负责人)", "乡镇门户",
        BuiltInRoles.Administrator, BuiltInRoles.Mediator, BuiltInRoles.GridWorker);
    public static readonly Permission ManageCalendar = new("Portal.ManageCalendar", "维护工作日历(放假与调休上班)", "乡镇门户", BuiltInRoles.Administrator);
    public static readonly Permission ManageNotices = new("Portal.ManageNotices", "发布工作动态", "乡镇门户", BuiltInRoles.Administrator);
}
