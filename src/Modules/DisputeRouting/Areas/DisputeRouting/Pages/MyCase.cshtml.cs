using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;

namespace Zhizhi.Orchard.DisputeRouting.Pages;

/// <summary>One of my cases: status, public timeline, and the 1-5 rating once it is settled or closed.</summary>
[Authorize]
public sealed class MyCaseModel(DisputesDbContext db, CaseActions actions, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public CaseDto Case { get; private set; } = null!;
    /// <summary>The plain-language status (已上报县级处理 while the county holds the case).</summary>
    public string PublicStatus { get; private set; } = "";
    /// <summary>The county's answer once it came back (its words are on the public timeline too), else null.</summary>
    public string? CountyOutcome { get; private set; }
    /// <summary>While the county holds the case: the county's own deadline (its working days), in the township's time.</summary>
    public DateTimeOffset? CountyDeadline { get; private set; }

    [BindProperty] public int? Satisfaction { get; set; }

    public bool CanRate => Case.Satisfaction is null && Case.Status is CaseStatus.Resolved or CaseStatus.Answered or CaseStatus.Revisited or CaseStatus.Closed;

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var userId = CaseEndpoints.UserId(User);
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id && x.ReporterId == userId, ct);
        if (c is null) return false;
        var timeline = await db.Timeline.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Seq).ToListAsync(ct);
        Case = c.ToDto(townships.Current, clock.GetUtcNow().UtcDateTime, Audience.Reporter, timeline);
        PublicStatus = County.CountyHold.PublicStatus(c);
        CountyOutcome = County.CountyHold.PublicOutcome(c);
        CountyDeadline = County.CountyHold.Holds(c) && c.CountyDeadlineAt is { } due ? CaseMapping.Local(townships.Current, due) : null;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Satisfaction is not (>= 1 and <= 5))
        {
            ModelState.AddModelError(nameof(Satisfaction), "请选择 1-5 分的满意度");
            return Page();
        }
        var r = await actions.RateAsync(id, CaseEndpoints.UserId(User) ?? "", Satisfaction.Value, CaseEndpoints.Actor(User), ct);
        if (r.Outcome == CaseActions.Outcome.NotFound) return NotFound();
        if (r.Outcome is CaseActions.Outcome.Conflict or CaseActions.Outcome.Stale)
        {
            ModelState.AddModelError(nameof(Satisfaction), r.Message!);
            return Page();
        }
        TempData["Message"] = "感谢您的评价!";
        return RedirectToPage(new { id });
    }
}
