using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.DisputeRouting;

public static class DisputePermissions
{
    public const string ReportName = "DisputeRouting.Report";
    public const string ViewName = "DisputeRouting.View";
    public const string HandleName = "DisputeRouting.Handle";
    public const string ManageName = "DisputeRouting.Manage";

    public static readonly Permission Report = new(ReportName, "上报矛盾纠纷", "矛盾纠纷",
        BuiltInRoles.Resident, BuiltInRoles.GridWorker, BuiltInRoles.Mediator, BuiltInRoles.Administrator);
    public static readonly Permission View = new(ViewName, "查看全部纠纷案件与台账", "矛盾纠纷",
        BuiltInRoles.GridWorker, BuiltInRoles.Mediator, BuiltInRoles.Administrator);
    /// <summary>Acting on cases; also sees the parties' phone numbers unmasked.</summary>
    public static readonly Permission Handle = new(HandleName, "受理、调处、上交、办结和回访纠纷案件", "矛盾纠纷",
        BuiltInRoles.Mediator, BuiltInRoles.Administrator);
    public static readonly Permission Manage = new(ManageName, "维护纠纷分类与调处设置", "矛盾纠纷", BuiltInRoles.Administrator);
}
