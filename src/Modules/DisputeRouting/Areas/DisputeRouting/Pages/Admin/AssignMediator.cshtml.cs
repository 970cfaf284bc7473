using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Organisation;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.DisputeRouting.Pages.Admin;

/// <summary>指派调解员: every active mediator screened for the case (excluded ones with the reason), and the choice.</summary>
[Authorize(Policy = DisputePermissions.HandleName)]
public sealed class AssignMediatorModel(DisputesDbContext db, MediatorAssignment assignment) : PageModel
{
    public DisputeCase Case { get; private set; } = null!;
    public IReadOnlyList<MediatorAssignment.Candidate> Candidates { get; private set; } = [];
    public bool Available => assignment.IsAvailable;

    /// <summary>Empty: the system picks.</summary>
    [BindProperty] public int? MediatorId { get; set; }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return false;
        Case = c;
        Candidates = await assignment.CandidatesAsync(c, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var actor = User.FindFirst(ZhizhiClaims.DisplayName)?.Value ?? User.Identity?.Name;
        var r = await assignment.AssignAsync(id, MediatorId, actor, ct);
        if (r.Outcome == MediatorAssignment.Outcome.NotFound) return NotFound();
        if (r.Outcome == MediatorAssignment.Outcome.Done)
        {
            TempData["Message"] = "已指派调解员,理由已记入时间线";
            return Redirect($"{Request.PathBase}/admin/disputes/{id}");
        }
        ModelState.AddModelError(nameof(MediatorId), r.Message!);
        await LoadAsync(id, ct);
        return Page();
    }
}
