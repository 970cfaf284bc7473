using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.LegalEducation;

public static class LegalPermissions
{
    public const string ManageName = "LegalEducation.Manage";

    public static readonly Permission Manage = new(ManageName, "编写、发布和下线普法内容", "普法", BuiltInRoles.Administrator);
}
