using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

public sealed record ObligationDto(
    int Id, string Party, string What, decimal? Amount, string DueDate, string Status, string StatusName,
    string? Path, string? PathName, string? Note, DateTimeOffset CreatedAt, string? CreatedBy,
    DateTimeOffset? OverdueAt, DateTimeOffset? DecidedAt, string? DecidedBy);

public static class ObligationMapping
{
    public static ObligationDto ToDto(this Obligation o, Township township, bool judicialConfirmation)
        => new(o.Id, o.PartyName, o.What, o.AmountFen is { } f ? f / 100m : null, o.DueDate.ToString("yyyy-MM-dd"),
            o.Status, ObligationStatus.Chinese(o.Status), o.Path, o.Path is null ? null : ObligationPaths.Chinese(o.Path, judicialConfirmation),
            o.Note, CaseMapping.Local(township, o.CreatedAt), o.CreatedBy,
            o.OverdueAt is { } od ? CaseMapping.Local(township, od) : null, o.DecidedAt is { } d ? CaseMapping.Local(township, d) : null, o.DecidedBy);

    public static Task<List<Obligation>> OfCaseAsync(DisputesDbContext db, int caseId, CancellationToken ct)
        => db.Obligations.AsNoTracking().Where(o => o.CaseId == caseId).OrderBy(o => o.DueDate).ThenBy(o => o.Id).ToListAsync(ct);
}

internal static class ObligationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/disputes").WithTags("矛盾纠纷");
        group.MapGet("/{id:int}/obligations", ListAsync).RequirePermission(DisputePermissions.View).WithSummary("调解协议的履行事项及其状态");
        group.MapGet("/notifications", InboxAsync).RequirePermission(DisputePermissions.View).WithSummary("我的纠纷提醒(到期提醒、履行待核查)");
        var settings = endpoints.MapGroup("/api/disputes/settings/reminders").WithTags("矛盾纠纷").RequirePermission(DisputePermissions.Manage);
        settings.MapGet("", async (ReminderSettings s, CancellationToken ct) => TypedResults.Ok(new ReminderSettingsDto((await s.GetAsync(ct)).Iso)))
            .WithSummary("到期前提醒设置");
        settings.MapPut("", SaveAsync).WithSummary("修改到期前提醒(P1D 按工作日,PT4H 按小时)");
    }

    private static async Task<Results<Ok<List<ObligationDto>>, ProblemHttpResult>> ListAsync(int id, DisputesDbContext db, Township township, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.JudicialConfirmation }).FirstOrDefaultAsync(ct);
        if (c is null) return Problems.NotFound("没有这个纠纷案件");
        var items = await ObligationMapping.OfCaseAsync(db, id, ct);
        return TypedResults.Ok(items.Select(o => o.ToDto(township, c.JudicialConfirmation)).ToList());
    }

    private static async Task<Ok<List<DisputeNotificationDto>>> InboxAsync(
        bool? all, DisputesDbContext db, Township township, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken ct)
    {
        var manager = all == true && (await authorization.AuthorizeAsync(user, DisputePermissions.ManageName)).Succeeded;
        var items = await DisputeInbox.ForAsync(db, user, manager, ct);
        return TypedResults.Ok(items.Select(n => new DisputeNotificationDto(n.Id, n.Kind, NotificationKinds.Chinese(n.Kind), n.CaseId, n.Level,
            n.ObligationId, n.Recipients, n.Text, CaseMapping.Local(township, n.CreatedAt))).ToList());
    }

    private static async Task<Results<Ok<ReminderSettingsDto>, ValidationProblem>> SaveAsync(ReminderSettingsDto? request, ReminderSettings settings, CancellationToken ct)
    {
        var v = ReminderSettings.Validate(request, out var window);
        if (!v.IsValid) return v.Problem();
        await settings.SaveAsync(window!, ct);
        return TypedResults.Ok(new ReminderSettingsDto(window!.Iso));
    }
}
