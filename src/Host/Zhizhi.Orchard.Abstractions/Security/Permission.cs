using Microsoft.AspNetCore.Builder;

namespace Zhizhi.Orchard.Security;

/// <summary>
/// A permission declared by a module. Its name doubles as the authorization policy name.
/// <see cref="DefaultRoles"/> receive it when a township is created; admins change grants later.
/// </summary>
public sealed record Permission(string Name, string Description, string Group, params string[] DefaultRoles);

public static class BuiltInRoles
{
    public const string Administrator = "Administrator";
    public const string Mediator = "Mediator";
    public const string GridWorker = "GridWorker";
    public const string Volunteer = "Volunteer";
    public const string Resident = "Resident";
    public const string ShopClerk = "ShopClerk";

    public static readonly IReadOnlyList<string> All = [Administrator, Mediator, GridWorker, Volunteer, Resident, ShopClerk];

    public static string ChineseName(string role) => role switch
    {
        Administrator => "管理员",
        Mediator => "调解员",
        GridWorker => "网格员",
        Volunteer => "志愿者",
        Resident => "居民",
        ShopClerk => "爱心超市店员",
        _ => role,
    };
}

/// <summary>Claim types the platform puts on every signed-in principal.</summary>
public static class ZhizhiClaims
{
    public const string Township = "zhizhi:township";
    public const string DisplayName = "zhizhi:display-name";
}

public static class PermissionEndpointExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder
        => builder.RequireAuthorization(permission.Name);
}
