using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Users.Data;

namespace Zhizhi.Orchard.Users.Accounts;

public sealed record AccountRow(string UserName, string DisplayName, string MaskedPhone, IReadOnlyList<string> Roles, DateTime CreatedAt);

/// <summary>The township's accounts with their roles, phones masked (个人信息保护法): for the API and the admin page.</summary>
public sealed class ListAccounts(UsersDbContext db)
{
    public const int Limit = 500;

    public async Task<IReadOnlyList<AccountRow>> ExecuteAsync(CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).Take(Limit).ToListAsync(ct);
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
        var links = (await db.UserRoles.AsNoTracking().ToListAsync(ct)).ToLookup(l => l.UserId, l => roles[l.RoleId]);
        return [.. users.Select(u => new AccountRow(u.UserName!, u.DisplayName, AccountRules.Mask(u.PhoneNumber), [.. links[u.Id]], u.CreatedAt))];
    }
}
