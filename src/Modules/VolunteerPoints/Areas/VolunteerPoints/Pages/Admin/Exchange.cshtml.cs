using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
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
public sealed class ExchangeModel(PointsDbContext db, AddItem add, SettleRedemption settle, ItemPictures pictures, ExchangeReports reports,
    IAuthorizationService authorization, ITownshipAccessor townships) : PageModel
{
    public IReadOnlyList<ExchangeItem> Items { get; private set; } = [];
    public IReadOnlyList<Redemption> Recent { get; private set; } = [];
    public bool CanManageItems { get; private set; }
    public IReadOnlyList<StockLine> Stock { get; private set; } = [];
    public IReadOnlyList<RedemptionLine> ThisMonth { get; private set; } = [];
    public Dictionary<int, string> PictureErrors { get; } = [];

    [BindProperty] public ItemInput Input { get; set; } = new();
    [BindProperty] public string? Code { get; set; }

    public sealed class ItemInput
    {
        public string? Name { get; set; }
        public int? PointsCost { get; set; }
        public int? Stock { get; set; }
        public int? PerPersonLimit { get; set; }
    }

    public DateTime Local(DateTime utc) => TownshipTime.ToLocal(townships.Current, utc);

    /// <summary>The redemption a scanned QR link named (?code=): shown for the clerk to check; fulfilling is still the form's POST.</summary>
    public Redemption? Scanned { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            ModelState.Clear(); // the field shows the normalised code, not the raw query value
            Code = SettleRedemption.Normalize(code);
            Scanned = await db.Redemptions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == Code, ct);
            if (Scanned is null) ModelState.AddModelError(nameof(Code), "没有这个兑换码");
        }
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = await db.Items.AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct);
        Recent = await db.Redemptions.AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
        CanManageItems = (await authorization.AuthorizeAsync(User, ExchangePermissions.ManageName)).Succeeded;
        Stock = await reports.StockAsync(ct);
        var local = TownshipTime.ToLocal(townships.Current, DateTime.UtcNow);
        var firstLocal = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        ThisMonth = await reports.RedemptionsAsync(TimeZoneInfo.ConvertTimeToUtc(firstLocal, TownshipTime.Zone(townships.Current)), null, ct);
    }

    public async Task<IActionResult> OnPostPictureAsync(int id, IFormFile? picture, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ExchangePermissions.ManageName)).Succeeded) return Forbid();
        string error;
        if (picture is null) error = "请选择要上传的图片";
        else
        {
            var (outcome, item, message) = await pictures.SaveAsync(townships.Current, id, picture, ct);
            if (outcome == ItemPictures.Outcome.Done)
            {
                TempData["Message"] = $"已更新“{item!.Name}”的图片";
                return RedirectToPage();
            }
            error = message ?? "没有这个商品";
        }
        await LoadAsync(ct);
        PictureErrors[id] = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
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
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddItemAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ExchangePermissions.ManageName)).Succeeded) return Forbid();
        ModelState.Clear();
        var request = new ItemRequest(Input.Name, Input.PointsCost, Input.Stock, Input.PerPersonLimit);
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
        await LoadAsync(ct);
        return Page();
    }
}
