using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Exchange;

namespace Zhizhi.Orchard.VolunteerPoints.Pages.Admin;

[RequiresFeature(VolunteerFeatures.PointsExchange)]
[Authorize(Policy = ExchangePermissions.FulfilName)]
public sealed class ExchangeModel(PointsDbContext db, AddItem add, SettleRedemption settle, IAuthorizationService authorization, ITownshipAccessor townships) : PageModel
{
    public IReadOnlyList<ExchangeItem> Items { get; private set; } = [];
    public IReadOnlyList<Redemption> Recent { get; private set; } = [];
    public bool CanManageItems { get; private set; }

    [BindProperty] public ItemInput Input { get; set; } = new();
    [BindProperty] public string? Code { get; set; }

    public sealed class ItemInput
    {
        public string? Name { get; set; }
        public int? PointsCost { get; set; }
        public int? Stock { get; set; }
    }

    public DateTime Local(DateTime utc) => TownshipTime.ToLocal(townships.Current, utc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await db.Items.AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct);
        Recent = await db.Redemptions.AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
        CanManageItems = (await authorization.AuthorizeAsync(User, ExchangePermissions.ManageName)).Succeeded;
    }

    public async Task<IActionResult> OnPostFulfilAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Code)) ModelState.AddModelError(nameof(Code), "请输入兑换码");
        else
        {
            var (outcome, r) = await settle.FulfilAsync(Code, User.Identity?.Name, ct);
            switch (outcome)
            {
                case SettleRedemption.Outcome.Done:
                    TempData["Message"] = $"已发放:{r!.ItemName}×{r.Quantity}(兑换人 {r.UserName})";
                    return RedirectToPage();
                case SettleRedemption.Outcome.NotReserved: ModelState.AddModelError(nameof(Code), "这个兑换码已领取或已取消"); break;
                default: ModelState.AddModelError(nameof(Code), "没有这个兑换码"); break;
            }
        }
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddItemAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ExchangePermissions.ManageName)).Succeeded) return Forbid();
        ModelState.Clear();
        var request = new ItemRequest(Input.Name, Input.PointsCost, Input.Stock);
        ModelState.AddFieldErrors(AddItem.Validate(request).Errors);
        if (ModelState.IsValid)
        {
            if (await add.ExecuteAsync(request, ct) is not null)
            {
                TempData["Message"] = $"已上架“{request.Name!.Trim()}”";
                return RedirectToPage();
            }
            ModelState.AddModelError("Input.Name", "已有同名商品");
        }
        await OnGetAsync(ct);
        return Page();
    }
}
