using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Users.Data;

namespace Zhizhi.Orchard.Users.Authorization;

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>Each declared permission is an authorization policy of the same name.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options, IPermissionCatalog permissions)
    : DefaultAuthorizationPolicyProvider(options)
{
    private readonly ConcurrentDictionary<string, AuthorizationPolicy> _policies = new();

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (permissions.Find(policyName) is { } permission)
            return _policies.GetOrAdd(permission.Name, name => new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(name))
                .Build());
        return await base.GetPolicyAsync(policyName);
    }
}

/// <summary>
/// Grants a permission when one of the user's roles holds it in this township. Administrators hold all.
/// A principal from another township holds nothing here.
/// </summary>
internal sealed class PermissionHandler(ITownshipAccessor township, RoleGrants grants, IServiceProvider services)
    : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var user = context.User;
        if (user.FindFirstValue(ZhizhiClaims.Township) != township.Current.Name) return;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (roles.Contains(BuiltInRoles.Administrator)) { context.Succeed(requirement); return; }
        var granted = await grants.ForTownshipAsync(township.Current.Name, services);
        if (roles.Any(r => granted.TryGetValue(r, out var set) && set.Contains(requirement.Permission)))
            context.Succeed(requirement);
    }
}

/// <summary>Role → permissions of a township, cached briefly (and dropped on change) so checks cost no query.</summary>
public sealed class RoleGrants(IMemoryCache cache)
{
    private static string Key(string township) => "role-grants:" + township;

    public async Task<IReadOnlyDictionary<string, HashSet<string>>> ForTownshipAsync(string township, IServiceProvider services)
    {
        if (cache.TryGetValue(Key(township), out IReadOnlyDictionary<string, HashSet<string>>? cached) && cached is not null) return cached;
        var db = services.GetRequiredService<UsersDbContext>();
        var rows = await db.RolePermissions.AsNoTracking().ToListAsync();
        var map = rows.GroupBy(r => r.RoleName).ToDictionary(g => g.Key, g => g.Select(r => r.Permission).ToHashSet(StringComparer.Ordinal));
        cache.Set(Key(township), (IReadOnlyDictionary<string, HashSet<string>>)map, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1), Size = 1 });
        return map;
    }

    public void Invalidate(string township) => cache.Remove(Key(township));
}
