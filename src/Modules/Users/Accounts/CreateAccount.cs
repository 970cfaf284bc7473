using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Users.Contracts;
using Zhizhi.Orchard.Users.Data;

namespace Zhizhi.Orchard.Users.Accounts;

public sealed record NewAccount(string? UserName, string? Password, string? DisplayName, string? Phone, IReadOnlyList<string>? Roles);

/// <summary>Creates an account with its roles and the UserRegistered event in one transaction.</summary>
public sealed class CreateAccount(UserManager<User> users, UsersDbContext db, TimeProvider clock)
{
    public static Validation Validate(NewAccount a)
    {
        var v = new Validation();
        if (AccountRules.CheckUserName(a.UserName) is { } u) v.Add("userName", u);
        if (AccountRules.CheckPassword(a.Password) is { } p) v.Add("password", p);
        if (AccountRules.CheckDisplayName(a.DisplayName) is { } d) v.Add("displayName", d);
        if (AccountRules.CheckPhone(a.Phone) is { } ph) v.Add("phone", ph);
        foreach (var role in a.Roles ?? [])
            if (!BuiltInRoles.All.Contains(role)) v.Add("roles", $"未知的角色“{role}”,可选:{string.Join("、", BuiltInRoles.All)}");
        return v;
    }

    /// <returns>The user, or null when the user name is taken (409).</returns>
    public async Task<User?> ExecuteAsync(NewAccount a, bool selfRegistered, CancellationToken ct)
    {
        var roles = a.Roles is { Count: > 0 } r ? r.Distinct().ToList() : [BuiltInRoles.Resident];
        var user = new User
        {
            UserName = a.UserName!.Trim(),
            DisplayName = a.DisplayName!.Trim(),
            PhoneNumber = string.IsNullOrEmpty(a.Phone) ? null : a.Phone,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var created = await users.CreateAsync(user, a.Password!);
            if (!created.Succeeded)
            {
                if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))) return null;
                throw new InvalidOperationException(string.Join(";", created.Errors.Select(e => e.Description)));
            }
            var added = await users.AddToRolesAsync(user, roles);
            if (!added.Succeeded) throw new InvalidOperationException(string.Join(";", added.Errors.Select(e => e.Description)));
            db.Publish(new UserRegistered(user.Id, user.UserName, user.DisplayName, roles, selfRegistered), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return user;
        }
        catch (DbUpdateException)
        {
            // Two requests raced for the same name: the unique index decided, the loser gets 409.
            return null;
        }
    }
}
