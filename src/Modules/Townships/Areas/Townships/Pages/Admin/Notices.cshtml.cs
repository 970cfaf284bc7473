using Zhizhi.Orchard.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Townships.Data;
using Zhizhi.Orchard.Townships.Notices;

namespace Zhizhi.Orchard.Townships.Pages.Admin;

[Authorize(Policy = "Portal.ManageNotices")]
public sealed class NoticesModel(PortalDbContext db, PublishNotice publish, ITownshipAccessor townships) : PageModel
{
    public Township Township => townships.Current;
    public IReadOnlyList<Notice> Items { get; private set; } = [];

    [BindProperty] public NoticeInput Input { get; set; } = new();

    public sealed class NoticeInput
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
        public bool Pinned { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
        => Items = await db.Notices.AsNoTracking().OrderByDescending(n => n.PublishedAt).Take(200).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new NoticeRequest(Input.Title, Input.Body, null, Input.Pinned);
        ModelState.AddFieldErrors(PublishNotice.Validate(request).Errors);
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        await publish.ExecuteAsync(request, User.Identity?.Name, ct);
        TempData["Message"] = "已发布";
        return RedirectToPage();
    }
}
