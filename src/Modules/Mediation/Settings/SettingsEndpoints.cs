using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Mediation.Settings;

public sealed record SettingsRequest(int? ChangeLimitHours, string? ReminderWebhookUrl);

public sealed record SettingsDto(int ChangeLimitHours, string? ReminderWebhookUrl);

internal static class MediationSettingsStore
{
    public static async Task<MediationSettings> GetAsync(MediationDbContext db, CancellationToken ct)
        => await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new MediationSettings();

    public static Validation Validate(SettingsRequest r)
    {
        var v = new Validation();
        if (r.ChangeLimitHours is not (>= 0 and <= 720)) v.Add("changeLimitHours", "改约、取消的截止时间须在开始前 0-720 小时之间");
        if (!string.IsNullOrWhiteSpace(r.ReminderWebhookUrl))
        {
            if (r.ReminderWebhookUrl.Length > 500) v.Add("reminderWebhookUrl", "提醒推送地址不能超过 500 个字符");
            else if (!Uri.TryCreate(r.ReminderWebhookUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                v.Add("reminderWebhookUrl", "提醒推送地址须是 http:// 或 https:// 开头的网址");
        }
        return v;
    }

    public static async Task<MediationSettings> SaveAsync(MediationDbContext db, SettingsRequest r, CancellationToken ct)
    {
        MediationSettings row = null!;
        // A parallel first save updates the row the other one added.
        await db.SaveUpsertAsync(async () =>
        {
            row = await db.Settings.FirstOrDefaultAsync(ct) ?? db.Settings.Add(new MediationSettings()).Entity;
            row.ChangeLimitHours = r.ChangeLimitHours!.Value;
            row.ReminderWebhookUrl = string.IsNullOrWhiteSpace(r.ReminderWebhookUrl) ? null : r.ReminderWebhookUrl.Trim();
        }, ct);
        return row;
    }
}

internal static class SettingsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/mediation/settings").WithTags("调解预约").RequirePermission(MediationPermissions.ManageRooms);
        group.MapGet("", async (MediationDbContext db, CancellationToken ct) =>
        {
            var s = await MediationSettingsStore.GetAsync(db, ct);
            return TypedResults.Ok(new SettingsDto(s.ChangeLimitHours, s.ReminderWebhookUrl));
        }).WithSummary("预约规则与提醒推送地址");
        group.MapPut("", async Task<Results<Ok<SettingsDto>, ValidationProblem>> (SettingsRequest request, MediationDbContext db, CancellationToken ct) =>
        {
            var v = MediationSettingsStore.Validate(request);
            if (!v.IsValid) return v.Problem();
            var s = await MediationSettingsStore.SaveAsync(db, request, ct);
            return TypedResults.Ok(new SettingsDto(s.ChangeLimitHours, s.ReminderWebhookUrl));
        }).WithSummary("修改预约规则与提醒推送地址");
    }
}
