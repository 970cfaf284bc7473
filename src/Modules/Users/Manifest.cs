using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Users;

public sealed class Manifest : IModuleManifest
{
    public ModuleDescriptor Module { get; } = new("Users", "用户与权限",
    [
        new FeatureDescriptor("Users", "用户与权限", typeof(UsersStartup), AlwaysEnabled: true,
            Availability: FeatureAvailability.Everywhere,
            Description: "账号、登录、令牌、居民注册、角色与权限"),
    ]);
}
