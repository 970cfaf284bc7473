using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Notifications;

namespace Zhizhi.Orchard.Users.Notifications;

public sealed record InboxItemDto(string Key, string Source, string SourceName, long Id, string Title, string Text, string? Link, DateTimeOffset CreatedAt, bool Read);

public sealed record InboxSourceDto(string Id, string Name);

public sealed record InboxResponse(int Unread, IReadOnlyList<InboxItemDto> Items, IReadOnlyList<InboxSourceDto> Sources);

/// <summary>Either <see cref="Ids"/> ("mediation:12", as the list's "key") or <see cref="All"/> (optionally of one <see cref="Source"/>).</summary>
public sealed record MarkReadRequest(IReadOnlyList<string?>? Ids, bool? All, string? Source);

public sealed record MarkReadResponse(int Marked, int Unread);

internal static class NotificationEndpoints
{
    public const int MaxIds = 500;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/notifications").RequireAuthorization().WithTags("我的通知");
        group.MapGet("", ListAsync).WithSummary("我的通知:各模块(调解预约、流程、纠纷提醒)发给本人或本人角色的站内通知,最新在前");
        group.MapPost("/read", MarkReadAsync).WithSummary("标为已读:指定 ids(列表中的 key),或 all=true(可加 source);不属于本人的编号被忽略");
    }

    private static async Task<Results<Ok<InboxResponse>, ValidationProblem>> ListAsync(
        string? source, string? unread, INotificationInbox inbox, Township township, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var unreadOnly = false;
        if (unread is not null && !TryParseFlag(unread, out unreadOnly)) v.Add("unread", "unread 只能是 true 或 false");
        CheckSource(v, inbox, "source", source);
        if (!v.IsValid) return v.Problem();
        var items = await inbox.ListAsync(user, source, unreadOnly, ct);
        return TypedResults.Ok(new InboxResponse(await inbox.UnreadCountAsync(user, ct), [.. items.Select(i => Dto(i, inbox, township, request.PathBase))],
            [.. inbox.Sources.Select(s => new InboxSourceDto(s.Id, s.Name))]));
    }

    private static async Task<Results<Ok<MarkReadResponse>, ValidationProblem>> MarkReadAsync(
        MarkReadRequest? request, INotificationInbox inbox, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = Validate(request, inbox, out var items);
        if (!v.IsValid) return v.Problem();
        var marked = await inbox.MarkReadAsync(user, items, request!.Source, ct);
        return TypedResults.Ok(new MarkReadResponse(marked, await inbox.UnreadCountAsync(user, ct)));
    }

    internal static Validation Validate(MarkReadRequest? request, INotificationInbox inbox, out List<(string Source, long Id)>? items)
    {
        var v = new Validation();
        items = null;
        if (request is null) return v.Add("", "缺少请求体:请给出 ids,或 all 为 true");
        var all = request.All == true;
        var ids = request.Ids ?? [];
        if (all && ids.Count > 0) v.Add("ids", "ids 与 all 只能给出其一");
        else if (!all && ids.Count == 0) v.Add("ids", "请指定要标为已读的通知(ids),或将 all 设为 true");
        else if (ids.Count > MaxIds) v.Add("ids", $"一次最多标记 {MaxIds} 条通知");
        if (request.Source is not null && !all) v.Add("source", "source 只与 all 一起使用");
        CheckSource(v, inbox, "source", request.Source);
        if (!v.IsValid || all) return v;
        items = [];
        foreach (var key in ids)
        {
            if (!TryParseKey(key, out var source, out var id)) v.Add("ids", $"“{key}”不是有效的通知编号,应为 来源:编号(如 mediation:12)");
            else if (CheckSource(v, inbox, "ids", source)) items.Add((source, id));
        }
        return v;
    }

    /// <returns>Whether <paramref name="source"/> is null or a source enabled here; otherwise adds the Chinese reason.</returns>
    internal static bool CheckSource(Validation v, INotificationInbox inbox, string field, string? source)
    {
        if (source is null || inbox.Sources.Any(s => s.Id == source)) return true;
        var names = inbox.Sources.Count == 0 ? "本乡镇没有启用任何通知来源" : "可用的来源:" + string.Join("、", inbox.Sources.Select(s => $"{s.Id}({s.Name})"));
        v.Add(field, $"没有名为“{source}”的通知来源;{names}");
        return false;
    }

    internal static bool TryParseKey(string? key, out string source, out long id)
    {
        source = "";
        id = 0;
        var colon = key?.IndexOf(':') ?? -1;
        if (key is null || colon <= 0) return false;
        source = key[..colon];
        return long.TryParse(key.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }

    private static bool TryParseFlag(string text, out bool value)
    {
        value = text is "true" or "True" or "1";
        return value || text is "false" or "False" or "0";
    }

    public static string Key(InboxItem item) => $"{item.Source}:{item.Id}";

    /// <remarks>The link carries the township's prefix ("/hengjie/admin/disputes/12"), ready to open.</remarks>
    public static InboxItemDto Dto(InboxItem item, INotificationInbox inbox, Township township, PathString pathBase)
    {
        var zone = TownshipTime.Zone(township);
        var utc = DateTime.SpecifyKind(item.CreatedAtUtc, DateTimeKind.Utc);
        var local = new DateTimeOffset(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), zone.GetUtcOffset(utc));
        return new InboxItemDto(Key(item), item.Source, inbox.Sources.FirstOrDefault(s => s.Id == item.Source)?.Name ?? item.Source,
            item.Id, item.Title, item.Text, item.Link is null ? null : pathBase + item.Link, local, item.Read);
    }
}
