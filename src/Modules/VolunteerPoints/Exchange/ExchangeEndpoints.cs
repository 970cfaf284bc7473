using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Exchange;

internal static class ExchangeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/exchange").WithTags("爱心超市");
        group.MapGet("/items", ItemsAsync).AllowAnonymous().WithSummary("商品与库存");
        group.MapPost("/items", AddItemAsync).RequirePermission(ExchangePermissions.Manage).WithSummary("上架商品");
        group.MapPost("/items/{id:int}/picture", PictureAsync).RequirePermission(ExchangePermissions.Manage).DisableAntiforgery()
            .WithSummary("上传商品图片(multipart 字段 file;PNG/JPEG/WebP,不超过 512 KB)");
        group.MapGet("/reports/stock", StockReportAsync).RequirePermission(ExchangePermissions.Fulfil).WithSummary("库存报表(在库、待领取、已发放)");
        group.MapGet("/reports/redemptions", RedemptionReportAsync).RequirePermission(ExchangePermissions.Fulfil).WithSummary("兑换报表(按商品汇总,可按时间段)");
        group.MapPost("/redemptions", RedeemAsync).RequirePermission(ExchangePermissions.Redeem).WithSummary("兑换(预留库存与积分,给出兑换码)");
        group.MapGet("/redemptions", MineAsync).RequireAuthorization().WithSummary("我的兑换记录");
        // The redeemer shows it at the counter; shop staff may open it too. Anyone else: 404, the code stays secret.
        group.MapGet("/redemptions/{code}/qr", QrAsync).RequireAuthorization().WithSummary("兑换码二维码(PNG;店员扫码打开预填兑换码的发放页)");
        group.MapPost("/redemptions/{code}/fulfil", FulfilAsync).RequirePermission(ExchangePermissions.Fulfil).WithSummary("凭兑换码发放");
        // The redeemer may cancel their own reservation; shop staff may cancel any.
        group.MapPost("/redemptions/{code}/cancel", CancelAsync).RequireAuthorization().WithSummary("取消兑换(退回库存与积分)");
    }

    private static async Task<Ok<List<ItemDto>>> ItemsAsync(PointsDbContext db, CancellationToken ct)
        => TypedResults.Ok((await db.Items.AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct)).Select(ItemDto.From).ToList());

    private static async Task<Results<Created<ItemDto>, ValidationProblem, ProblemHttpResult>> AddItemAsync(ItemRequest request, AddItem add, CancellationToken ct)
    {
        var v = AddItem.Validate(request);
        if (!v.IsValid) return v.Problem();
        var item = await add.ExecuteAsync(request, ct);
        if (item is null) return Problems.Conflict($"已有名为“{request.Name!.Trim()}”的商品");
        return TypedResults.Created($"/api/exchange/items/{item.Id}", ItemDto.From(item));
    }

    private static async Task<Results<Created<RedemptionDto>, ValidationProblem, ProblemHttpResult>> RedeemAsync(
        RedemptionRequest request, Redeem redeem, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = Redeem.Validate(request);
        if (!v.IsValid) return v.Problem();
        var (outcome, redemption) = await redeem.ExecuteAsync(request, user.FindFirstValue(ClaimTypes.Name)!, ct);
        return outcome switch
        {
            Redeem.Outcome.UnknownItem => Problems.Invalid("itemId", "没有这个商品"),
            Redeem.Outcome.OutOfStock => Problems.Conflict("库存不足,换个商品或少兑换几件吧"),
            Redeem.Outcome.NotEnoughPoints => Problems.Conflict("可用积分不足,无法兑换(公示期内的积分暂不能使用)"),
            Redeem.Outcome.OverLimit => Problems.Conflict("超过这个商品的每人限兑数量"),
            _ => TypedResults.Created($"/api/exchange/redemptions/{redemption!.Code}", Redeem.ToDto(redemption)),
        };
    }

    private static async Task<Ok<List<RedemptionDto>>> MineAsync(PointsDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var userName = user.FindFirstValue(ClaimTypes.Name)!;
        var list = await db.Redemptions.AsNoTracking().Where(r => r.UserName == userName).OrderByDescending(r => r.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(Redeem.ToDto).ToList());
    }

    private static async Task<Results<Ok<RedemptionDto>, ProblemHttpResult>> FulfilAsync(string code, SettleRedemption settle, ClaimsPrincipal user, CancellationToken ct)
        => Result(await settle.FulfilAsync(code, user.Identity?.Name, ct), "这个兑换码已领取或已取消,不能再次发放");

    private static async Task<Results<Ok<RedemptionDto>, ProblemHttpResult>> CancelAsync(
        string code, SettleRedemption settle, ClaimsPrincipal user, IAuthorizationService authorization, CancellationToken ct)
    {
        var owner = await settle.OwnerAsync(code, ct);
        if (owner is null) return Problems.NotFound("没有这个兑换码");
        if (owner != user.Identity?.Name && !(await authorization.AuthorizeAsync(user, ExchangePermissions.FulfilName)).Succeeded)
            return Problems.Forbidden("只有兑换人本人或爱心超市店员可以取消兑换");
        return Result(await settle.CancelAsync(code, user.Identity?.Name, ct), "这个兑换码已领取或已取消,不能取消");
    }

    private static async Task<IResult> QrAsync(
        string code, SettleRedemption settle, ClaimsPrincipal user, IAuthorizationService authorization, HttpContext context, CancellationToken ct)
    {
        var owner = await settle.OwnerAsync(code, ct);
        if (owner is null || (owner != user.Identity?.Name && !(await authorization.AuthorizeAsync(user, ExchangePermissions.FulfilName)).Succeeded))
            return Problems.NotFound("没有这个兑换码");
        return Qr.QrCodes.Image(context, Qr.QrCodes.FulfilUrl(context.Request, SettleRedemption.Normalize(code)));
    }

    private static async Task<Results<Ok<ItemDto>, ValidationProblem, ProblemHttpResult>> PictureAsync(
        int id, HttpRequest request, ItemPictures pictures, Township township, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Problems.Invalid("file", "请以 multipart/form-data 上传图片(字段名 file)");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null) return Problems.Invalid("file", "请选择要上传的图片");
        var (outcome, item, error) = await pictures.SaveAsync(township, id, file, ct);
        return outcome switch
        {
            ItemPictures.Outcome.NotFound => Problems.NotFound("没有这个商品"),
            ItemPictures.Outcome.Invalid => Problems.Invalid("file", error!),
            _ => TypedResults.Ok(ItemDto.From(item!)),
        };
    }

    private static async Task<Ok<List<StockLine>>> StockReportAsync(ExchangeReports reports, CancellationToken ct) => TypedResults.Ok(await reports.StockAsync(ct));

    private static async Task<Results<Ok<List<RedemptionLine>>, ValidationProblem>> RedemptionReportAsync(
        DateTimeOffset? from, DateTimeOffset? to, ExchangeReports reports, CancellationToken ct)
    {
        if (from is not null && to is not null && to <= from) return Problems.Invalid("to", "结束时间须晚于开始时间");
        return TypedResults.Ok(await reports.RedemptionsAsync(from?.UtcDateTime, to?.UtcDateTime, ct));
    }

    private static Results<Ok<RedemptionDto>, ProblemHttpResult> Result((SettleRedemption.Outcome Outcome, Redemption? Redemption) r, string notReserved)
        => r.Outcome switch
        {
            SettleRedemption.Outcome.NotFound => Problems.NotFound("没有这个兑换码"),
            SettleRedemption.Outcome.NotReserved => Problems.Conflict(notReserved),
            _ => TypedResults.Ok(Redeem.ToDto(r.Redemption!)),
        };
}
