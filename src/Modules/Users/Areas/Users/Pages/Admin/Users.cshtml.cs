using Zhizhi.Orchard.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Users.Accounts;
using Zhizhi.Orchard.Users.Data;

namespace Zhizhi.Orchard.Users.Pages.Admin;

[Authorize(Policy = "Users.Manage")]
public sealed class UsersModel(UsersDbContext db, CreateAccount create, ITownshipAccessor townships) : PageModel
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
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).Take(500).ToListAsync(ct);
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
        var links = (await db.UserRoles.AsNoTracking().ToListAsync(ct)).ToLookup(l => l.UserId, l => roles[l.RoleId]);
        Items = [.. users.Select(u => new Row(u.UserName!, u.DisplayName, AccountRules.Mask(u.PhoneNumber), [.. links[u.Id]],
            TownshipTime.ToLocal(townships.Current, u.CreatedAt).ToString("yyyy-MM-dd")))];
    }

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
