using Microsoft.AspNetCore.Identity;
using Zhizhi.Orchard.Users.Contracts;

namespace Zhizhi.Orchard.Users.Accounts;

internal sealed class UserDirectory(UserManager<User> users) : IUserDirectory
{
    public async Task<UserSummary?> FindAsync(string userName, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(userName)) return null;
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null) return null;
        return new UserSummary(user.UserName!, user.DisplayName, [.. await users.GetRolesAsync(user)]);
    }
}
