using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Notifications;
using Zhizhi.Orchard.Users.Notifications;

namespace Zhizhi.Orchard.Users.Pages;

/// <summary>我的通知: every source's notices for the signed-in resident or staff member, newest first.</summary>
[Authorize]
public sealed class NotificationsModel(INotificationInbox inbox, IAuthorizationService authorization, ITownshipAccessor townships) : PageModel
{
    [FromQuery(Name = "source")] public string? Source { get; set; }
    [FromQuery(Name = "unread")] public bool UnreadOnly { get; set; }

    public IReadOnlyList<InboxItem> Items { get; private set; } = [];
    public int Unread { get; private set; }
    public IReadOnlyList<NotificationSourceRegistration> Sources => inbox.Sources;
    /// <summary>The modules' own notification pages this user may open (staff: the dispute reminders, workflow notices).</summary>
    public IReadOnlyList<NotificationSourceRegistration> ModulePages { get; private set; } = [];
    public string? Error { get; private set; }

    public string SourceName(string id) => inbox.Sources.FirstOrDefault(s => s.Id == id)?.Name ?? id;

    public string Local(DateTime utc) => TownshipTime.ToLocal(townships.Current, utc).ToString("yyyy-MM-dd HH:mm");

    public static string Key(InboxItem item) => NotificationEndpoints.Key(item);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var v = new Validation();
        if (!NotificationEndpoints.CheckSource(v, inbox, "source", Source))
        {
            Error = v.Errors["source"][0];
            Source = null;
        }
        Items = await inbox.ListAsync(User, Source, UnreadOnly, ct);
        Unread = await inbox.UnreadCountAsync(User, ct);
        var pages = new List<NotificationSourceRegistration>();
        foreach (var s in inbox.Sources.Where(s => s.ModulePage is not null))
            if (s.ModulePagePolicy is null || (await authorization.AuthorizeAsync(User, s.ModulePagePolicy)).Succeeded) pages.Add(s);
        ModulePages = pages;
    }

    public async Task<IActionResult> OnPostReadAllAsync(string? source, CancellationToken ct)
    {
        var v = NotificationEndpoints.Validate(new MarkReadRequest(null, true, source), inbox, out _);
        if (!v.IsValid)
        {
            TempData["Message"] = v.Errors.SelectMany(e => e.Value).First();
            return RedirectToPage();
        }
        var marked = await inbox.MarkReadAsync(User, null, source, ct);
        TempData["Message"] = marked == 0 ? "没有未读通知" : $"已将 {marked} 条通知标为已读";
        return RedirectToPage(new { source });
    }

    /// <summary>查看 on an unread notice: marks it read, then opens what it is about (a link of the user's own notice only).</summary>
    public async Task<IActionResult> OnPostOpenAsync(string? key, CancellationToken ct)
    {
        InboxItem? item = null;
        if (NotificationEndpoints.TryParseKey(key, out var source, out var id) && inbox.Sources.Any(s => s.Id == source))
            item = (await inbox.ListAsync(User, source, unreadOnly: false, ct)).FirstOrDefault(i => i.Id == id);
        if (item is null)
        {
            TempData["Message"] = "没有这条通知,或它不是发给您的";
            return RedirectToPage();
        }
        if (!item.Read) await inbox.MarkReadAsync(User, [(item.Source, item.Id)], null, ct);
        return item.Link is null ? RedirectToPage() : LocalRedirect(Url.Content("~" + item.Link));
    }

    public async Task<IActionResult> OnPostReadAsync(string? key, string? source, CancellationToken ct)
    {
        var v = NotificationEndpoints.Validate(new MarkReadRequest([key], null, null), inbox, out var items);
        if (!v.IsValid) TempData["Message"] = v.Errors.SelectMany(e => e.Value).First();
        else await inbox.MarkReadAsync(User, items, null, ct);
        return RedirectToPage(new { source = NotificationEndpoints.CheckSource(new Validation(), inbox, "source", source) ? source : null });
    }
}
