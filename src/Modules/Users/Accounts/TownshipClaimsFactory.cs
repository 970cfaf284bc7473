using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Users.Accounts;

/// <summary>Every principal names the township that signed it in, so it is refused anywhere else.</summary>
internal sealed class TownshipClaimsFactory(UserManager<User> users, RoleManager<Role> roles, IOptions<IdentityOptions> options, ITownshipAccessor township)
    : UserClaimsPrincipalFactory<User, Role>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ZhizhiClaims.Township, township.Current.Name));
        identity.AddClaim(new Claim(ZhizhiClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
