using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Exchange;
using Zhizhi.Orchard.VolunteerPoints.Ledger;

namespace Zhizhi.Orchard.VolunteerPoints.Pages;

[RequiresFeature(VolunteerFeatures.PointsExchange)]
public sealed class ExchangeModel(PointsDbContext db, PointsLedger ledger, Redeem redeem, SettleRedemption settle, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<ExchangeItem> Items { get; private set; } = [];
    public IReadOnlyList<Redemption> Mine { get; private set; } = [];
    public bool CanRedeem { get; private set; }
    public int Balance { get; private set; }
    [TempData] public string? Message { get; set; }

    private string? UserName => User.FindFirstValue(ClaimTypes.Name);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await db.Items.AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct);
        CanRedeem = await CanRedeemAsync();
        if (User.Identity?.IsAuthenticated == true)
        {
            Balance = (await ledger.BalancesAsync(UserName!, ct)).Spendable;
            Mine = await db.Redemptions.AsNoTracking().Where(r => r.UserName == UserName).OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostRedeemAsync(int itemId, int quantity, CancellationToken ct)
    {
        if (!await CanRedeemAsync()) return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        var request = new RedemptionRequest(itemId, quantity);
        var v = Redeem.Validate(request);
        if (!v.IsValid)
        {
            Message = string.Join(";", v.Errors.SelectMany(e => e.Value));
            return RedirectToPage();
        }
        var (outcome, redemption) = await redeem.ExecuteAsync(request, UserName!, ct);
        Message = outcome switch
        {
            Redeem.Outcome.Done => $"兑换成功,兑换码 {redemption!.Code},请凭码到爱心超市领取",
            Redeem.Outcome.OutOfStock => "库存不足",
            Redeem.Outcome.NotEnoughPoints => "可用积分不足(公示期内的积分暂不能使用)",
            Redeem.Outcome.OverLimit => "超过这个商品的每人限兑数量",
            _ => "没有这个商品",
        };
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCancelAsync(string code, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (await settle.OwnerAsync(code, ct) != UserName) return NotFound();
        var (outcome, _) = await settle.CancelAsync(code, UserName, ct);
        Message = outcome == SettleRedemption.Outcome.Done ? "已取消,积分已退回" : "该兑换已领取或已取消";
        return RedirectToPage();
    }

    private async Task<bool> CanRedeemAsync()
        => User.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(User, ExchangePermissions.RedeemName)).Succeeded;
}
