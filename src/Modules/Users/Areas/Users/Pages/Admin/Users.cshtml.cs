using Zhizhi.Orchard.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Users.Accounts;

namespace Zhizhi.Orchard.Users.Pages.Admin;

[Authorize(Policy = "Users.Manage")]
public sealed class UsersModel(ListAccounts list, CreateAccount create, ITownshipAccessor townships) : PageModel
{
    public sealed record Row(string UserName, string DisplayName, string Phone, IReadOnlyList<string> Roles, string CreatedAt);

    public IReadOnlyList<Row> Items { get; private set; } = [];

    [BindProperty] public UserInput Input { get; set; } = new();

    public sealed class UserInput
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Phone { get; set; }
        public string? Password { get; set; }
        public List<string> Roles { get; set; } = [];
    }

    public async Task OnGetAsync(CancellationToken ct)
        => Items = [.. (await list.ExecuteAsync(ct)).Select(a => new Row(a.UserName, a.DisplayName, a.MaskedPhone, a.Roles,
            TownshipTime.ToLocal(townships.Current, a.CreatedAt).ToString("yyyy-MM-dd")))];

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var account = new NewAccount(Input.UserName?.Trim(), Input.Password, Input.DisplayName, Input.Phone?.Trim(), Input.Roles);
        ModelState.AddFieldErrors(CreateAccount.Validate(account).Errors);
        if (Input.Roles.Count == 0) ModelState.AddModelError("Input.Roles", "请至少选择一个角色");
        if (ModelState.IsValid)
        {
            if (await create.ExecuteAsync(account, selfRegistered: false, ct) is not null)
            {
                TempData["Message"] = $"已创建账号“{account.UserName}”";
                return RedirectToPage();
            }
            ModelState.AddModelError("Input.UserName", "该用户名已被使用");
        }
        await OnGetAsync(ct);
        return Page();
    }
}
