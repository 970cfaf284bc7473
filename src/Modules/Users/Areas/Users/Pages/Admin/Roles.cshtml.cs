using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Users.Accounts;
using Zhizhi.Orchard.Users.Data;

namespace Zhizhi.Orchard.Users.Pages.Admin;

/// <summary>Grants the permissions of the enabled features to the built-in roles of this township.</summary>
[Authorize(Policy = "Users.ManageRoles")]
public sealed class RolesModel(UsersDbContext db, IPermissionCatalog catalog, ITownshipAccessor townships, Authorization.RoleGrants cache) : PageModel
{
    public IReadOnlyList<string> Roles => BuiltInRoles.All;
    public IReadOnlyList<Permission> Permissions { get; private set; } = [];
    public HashSet<(string Role, string Permission)> Granted { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var township = townships.Current;
        Permissions = [.. catalog.All.Where(p => township.IsEnabled(p.FeatureId)).Select(p => p.Permission)];
        Granted = [.. (await db.RolePermissions.AsNoTracking().ToListAsync(ct)).Select(r => (r.RoleName, r.Permission))];
    }

    public async Task<IActionResult> OnPostAsync(string[] grants, CancellationToken ct)
    {
        var township = townships.Current;
        var known = catalog.All.Where(p => township.IsEnabled(p.FeatureId)).Select(p => p.Permission.Name).ToHashSet();
        var wanted = grants.Select(g => g.Split('|', 2)).Where(g => g.Length == 2 && BuiltInRoles.All.Contains(g[0]) && g[0] != BuiltInRoles.Administrator && known.Contains(g[1]))
            .Select(g => new RolePermission { RoleName = g[0], Permission = g[1] }).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Only the enabled features' grants are replaced; grants of disabled features are kept for when they return.
        db.RolePermissions.RemoveRange(await db.RolePermissions.Where(r => known.Contains(r.Permission) && r.RoleName != BuiltInRoles.Administrator).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        db.RolePermissions.AddRange(wanted);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate(township.Name);
        TempData["Message"] = "权限已保存";
        return RedirectToPage();
    }
}
