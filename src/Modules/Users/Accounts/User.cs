using Microsoft.AspNetCore.Identity;

namespace Zhizhi.Orchard.Users.Accounts;

public sealed class User : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

public sealed class Role : IdentityRole
{
    public Role() { }
    public Role(string name) : base(name) { }
}

/// <summary>A permission granted to a role in this township.</summary>
public sealed class RolePermission
{
    public required string RoleName { get; set; }
    public required string Permission { get; set; }
}
