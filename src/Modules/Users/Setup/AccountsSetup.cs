using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Users.Accounts;
using Zhizhi.Orchard.Users.Authorization;
using Zhizhi.Orchard.Users.Data;

namespace Zhizhi.Orchard.Users.Setup;

/// <summary>The township's first administrator (and the county's, from configuration).</summary>
internal sealed class AdminSetup : ITownshipAdminSetup
{
    public Task<IDictionary<string, string[]>> ValidateAsync(string userName, string password, IServiceProvider services)
    {
        var errors = new Dictionary<string, string[]>();
        if (AccountRules.CheckUserName(userName) is { } u) errors["adminUserName"] = [u];
        if (AccountRules.CheckPassword(password) is { } p) errors["adminPassword"] = [p];
        return Task.FromResult<IDictionary<string, string[]>>(errors);
    }

    public async Task CreateAdminAsync(Township township, string userName, string password, IServiceProvider services, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        await new RolesSetup().EnsureRolesAsync(services);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            user = new User { UserName = userName, DisplayName = township.IsHost ? "县级管理员" : "乡镇管理员", CreatedAt = DateTime.UtcNow };
            Check(await users.CreateAsync(user, password));
        }
        else if (!await users.CheckPasswordAsync(user, password))
        {
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, password));
        }
        if (!await users.IsInRoleAsync(user, BuiltInRoles.Administrator))
            Check(await users.AddToRoleAsync(user, BuiltInRoles.Administrator));
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(";", result.Errors.Select(e => e.Description)));
    }
}

/// <summary>Built-in roles exist in every township; enabling a feature grants its permissions' default roles.</summary>
internal sealed class RolesSetup : IFeaturesEnabledHandler
{
    public async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<Role>>();
        foreach (var name in BuiltInRoles.All)
            if (!await roles.RoleExistsAsync(name)) AdminSetup.Check(await roles.CreateAsync(new Role(name)));
    }

    public async Task OnFeaturesEnabledAsync(Township township, IReadOnlyCollection<string> featureIds, IServiceProvider services, CancellationToken ct)
    {
        await EnsureRolesAsync(services);
        var db = services.GetRequiredService<UsersDbContext>();
        var existing = (await db.RolePermissions.AsNoTracking().ToListAsync(ct)).Select(p => (p.RoleName, p.Permission)).ToHashSet();
        var catalog = services.GetRequiredService<IPermissionCatalog>();
        foreach (var (permission, _) in catalog.All.Where(p => featureIds.Contains(p.FeatureId)))
            foreach (var role in permission.DefaultRoles.Where(r => !existing.Contains((r, permission.Name))))
                db.RolePermissions.Add(new RolePermission { RoleName = role, Permission = permission.Name });
        await db.SaveChangesAsync(ct);
        services.GetRequiredService<RoleGrants>().Invalidate(township.Name);
    }
}
