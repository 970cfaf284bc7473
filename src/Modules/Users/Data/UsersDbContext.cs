using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Users.Accounts;

namespace Zhizhi.Orchard.Users.Data;

/// <summary>Identity tables of one township, prefixed "users_".</summary>
public abstract class UsersDbContext(DbContextOptions options) : IdentityDbContext<User, Role, string>(options)
{
    public const string Prefix = "users";

    public DbSet<RolePermission> RolePermissions => Set<RolePermission>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>(b =>
        {
            b.ToTable("users_users");
            b.Property(u => u.DisplayName).HasMaxLength(50);
            b.Property(u => u.PhoneNumber).HasMaxLength(20);
        });
        builder.Entity<Role>().ToTable("users_roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("users_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("users_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("users_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("users_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("users_role_claims");
        builder.Entity<RolePermission>(b =>
        {
            b.ToTable("users_role_permissions");
            b.HasKey(p => new { p.RoleName, p.Permission });
            b.Property(p => p.RoleName).HasMaxLength(100);
            b.Property(p => p.Permission).HasMaxLength(100);
        });
        builder.AddOutbox(Prefix);
    }
}

public sealed class UsersSqliteDbContext(DbContextOptions<UsersDbContext> options) : UsersDbContext(options);

public sealed class UsersPostgresDbContext(DbContextOptions<UsersDbContext> options) : UsersDbContext(options);

internal sealed class UsersSqliteDesignFactory : IDesignTimeDbContextFactory<UsersSqliteDbContext>
{
    public UsersSqliteDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<UsersDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class UsersPostgresDesignFactory : IDesignTimeDbContextFactory<UsersPostgresDbContext>
{
    public UsersPostgresDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<UsersDbContext>().UseNpgsql("Host=localhost").Options);
}
