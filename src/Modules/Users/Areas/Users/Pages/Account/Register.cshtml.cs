using Zhizhi.Orchard.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Users.Accounts;

namespace Zhizhi.Orchard.Users.Pages.Account;

[EnableRateLimiting(UsersStartup.SignInRateLimit)]
public sealed class RegisterModel(CreateAccount create, SignInManager<User> signIn, ITownshipAccessor townships) : PageModel
{
    [BindProperty] public RegisterInput Input { get; set; } = new();

    public sealed class RegisterInput
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Phone { get; set; }
        public string? Password { get; set; }
    }

    public IActionResult OnGet() => townships.Current.IsHost ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (townships.Current.IsHost) return NotFound();
        var account = new NewAccount(Input.UserName?.Trim(), Input.Password, Input.DisplayName, Input.Phone?.Trim(), [BuiltInRoles.Resident]);
        ModelState.AddFieldErrors(CreateAccount.Validate(account).Errors);
        if (!ModelState.IsValid) return Page();
        var user = await create.ExecuteAsync(account, selfRegistered: true, ct);
        if (user is null)
        {
            ModelState.AddModelError("Input.UserName", "该用户名已被使用");
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.Content("~/"));
    }
}
