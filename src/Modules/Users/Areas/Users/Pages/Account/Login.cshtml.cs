using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Zhizhi.Orchard.Users.Accounts;

namespace Zhizhi.Orchard.Users.Pages.Account;

[EnableRateLimiting(UsersStartup.SignInRateLimit)]
public sealed class LoginModel(PasswordCheck check, SignInManager<User> signIn, ITownshipAccessor townships) : PageModel
{
    public bool IsHost => townships.Current.IsHost;

    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName)) ModelState.AddModelError("Input.UserName", "请输入用户名");
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", "请输入密码");
        if (!ModelState.IsValid) return Page();

        var (outcome, user) = await check.CheckAsync(Input.UserName!.Trim(), Input.Password!);
        if (user is null)
        {
            if (outcome is SignInOutcome.Throttled or SignInOutcome.LockedOut) Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError("", PasswordCheck.Message(outcome));
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : await Landing(user));
    }

    private async Task<string> Landing(User user)
    {
        var roles = await signIn.UserManager.GetRolesAsync(user);
        return roles.Any(r => r is "Administrator" or "Mediator" or "GridWorker" or "ShopClerk") ? Url.Content("~/admin") : Url.Content("~/");
    }
}
