using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.DisputeRouting.County.Pages.Admin;

/// <summary>One referral: everything the township sent, and the county's actions (受理, 化解, 不予受理, 引导诉讼).</summary>
[RequiresFeature(CountyInboxStartup.FeatureId)]
[Authorize(Policy = CountyPermissions.HandleName)]
public sealed class DisputeModel(CountyDbContext db, CountyActions actions, ITownshipAccessor host, TimeProvider clock) : PageModel
{
    public ReferralDto Referral { get; private set; } = null!;

    [BindProperty] public string? Note { get; set; }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var r = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return false;
        Referral = r.ToDto(host.Current, clock.GetUtcNow().UtcDateTime, detail: true);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, string? op, CancellationToken ct)
    {
        var request = new CountyActionRequest(op, Note);
        var v = CountyActions.Validate(request);
        ModelState.Clear();
        // Every action posts the same text box: its errors belong beside it (an unknown action goes to the summary).
        foreach (var (field, messages) in v.Errors)
            foreach (var message in messages) ModelState.AddModelError(field == "note" ? nameof(Note) : "", message);
        if (v.IsValid)
        {
            var r = await actions.ExecuteAsync(id, request, CaseEndpoints.Actor(User), ct);
            if (r.Outcome == CountyActions.Outcome.NotFound) return NotFound();
            if (r.Outcome == CountyActions.Outcome.Done)
            {
                TempData["Message"] = $"已登记“{CountyActions.Chinese(op!)}”,结果将回传乡镇";
                return RedirectToPage(new { id });
            }
            ModelState.AddModelError("", r.Message!);
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }
}
