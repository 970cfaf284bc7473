using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Users;

public static class UsersPermissions
{
    public static readonly Permission AccessAdmin = new("Admin.Access", "进入管理后台", "后台",
        BuiltInRoles.Administrator, BuiltInRoles.Mediator, BuiltInRoles.GridWorker, BuiltInRoles.ShopClerk);
    public static readonly Permission ManageUsers = new("Users.Manage", "管理用户账号", "用户与权限", BuiltInRoles.Administrator);
    public static readonly Permission ManageRoles = new("Users.ManageRoles", "为角色分配权限", "用户与权限", BuiltInRoles.Administrator);

    public static IEnumerable<Permission> All => [AccessAdmin, ManageUsers, ManageRoles];
}
