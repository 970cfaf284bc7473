using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Navigation;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Users.Accounts;
using Zhizhi.Orchard.Users.Authorization;
using Zhizhi.Orchard.Users.Data;
using Zhizhi.Orchard.Users.Setup;
using Zhizhi.Orchard.Users.Tokens;

namespace Zhizhi.Orchard.Users;

public sealed class UsersStartup : FeatureStartup
{
    public const string SignInRateLimit = "signin";
    private const string SmartScheme = "Zhizhi";

    public override void ConfigureServices(FeatureBuilder feature)
    {
        var services = feature.Services;
        feature.AddModuleDbContext<UsersDbContext, UsersSqliteDbContext, UsersPostgresDbContext>(UsersDbContext.Prefix);

        services.AddIdentityCore<User>(o =>
            {
                o.User.AllowedUserNameCharacters = ""; // Chinese user names are fine; AccountRules checks the rest.
                o.Password.RequiredLength = AccountRules.MinPasswordLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<UsersDbContext>()
            .AddSignInManager()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddClaimsPrincipalFactory<TownshipClaimsFactory>();

        // Pages sign in with a cookie, the API with bearer tokens; one scheme picks per request.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TownshipBearerHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TownshipBearerHandler>(TownshipBearerHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "zz.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.CookieManager = new TownshipCookieManager();
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = async ctx =>
                {
                    var township = ctx.HttpContext.RequestServices.GetRequiredService<ITownshipAccessor>().Current.Name;
                    if (ctx.Principal?.FindFirst(ZhizhiClaims.Township)?.Value != township)
                    {
                        ctx.RejectPrincipal();
                        return;
                    }
                    await SecurityStampValidator.ValidatePrincipalAsync(ctx);
                },
                OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden),
            };
        });

        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<RoleGrants>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordCheck>();
        services.AddScoped<CreateAccount>();
        services.AddScoped<ListAccounts>();
        services.AddScoped<Contracts.IUserDirectory, UserDirectory>();
        services.AddScoped<ITownshipAdminSetup, AdminSetup>();
        services.AddScoped<Zhizhi.Orchard.Notifications.INotificationInbox, Notifications.NotificationInboxService>();
        services.AddScoped<IFeaturesEnabledHandler, RolesSetup>();
        feature.AddRecipeStep<UsersRecipeStep>();

        // Only attempts count (POST); opening the sign-in page does not, so a village office behind one
        // address is not locked out by people merely looking at the form.
        services.AddRateLimiter(o => o.AddPolicy(SignInRateLimit, ctx => HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(
                ctx.RequestServices.GetRequiredService<ITownshipAccessor>().Current.Name + "|" + ctx.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        TokenEndpoints.Map(endpoints);
        AccountEndpoints.Map(endpoints);
        Notifications.NotificationEndpoints.Map(endpoints);
    }

    public override IEnumerable<Permission> Permissions => UsersPermissions.All;

    public override void BuildAdminMenu(AdminMenuBuilder menu)
    {
        menu.Add("系统", "用户", "/admin/users", UsersPermissions.ManageUsers, order: 900);
        menu.Add("系统", "角色与权限", "/admin/roles", UsersPermissions.ManageRoles, order: 910);
    }
}
