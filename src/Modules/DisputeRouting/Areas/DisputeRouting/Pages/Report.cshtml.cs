using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Pages;

/// <summary>The resident's mobile report form (纠纷反映).</summary>
[Authorize(Policy = DisputePermissions.ReportName)]
public sealed class ReportModel(DisputesDbContext db, ReportDispute report, ITownshipDirectory directory, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public IReadOnlyList<string> Villages { get; private set; } = [];

    [BindProperty] public ReportInput Input { get; set; } = new();

    public sealed class ReportInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Category { get; set; }
        public string? Village { get; set; }
        public string? OtherParty { get; set; }
        public string? OtherPartyPhone { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Categories = await db.Categories.AsNoTracking().Where(c => !c.Retired).OrderBy(c => c.Order).Select(c => c.Name).ToListAsync(ct);
        Villages = [.. (await directory.VillagesAsync(ct)).Select(v => v.Name)];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var staff = (await authorization.AuthorizeAsync(User, DisputePermissions.ViewName)).Succeeded;
        var reporter = new Reporter(CaseEndpoints.UserId(User), CaseEndpoints.Actor(User), staff);
        List<PartyRequest>? parties = string.IsNullOrWhiteSpace(Input.OtherParty) && string.IsNullOrWhiteSpace(Input.OtherPartyPhone)
            ? null : [new PartyRequest(Input.OtherParty, Input.OtherPartyPhone, "对方当事人")];
        var request = new ReportRequest(Input.Title, Input.Description, Input.Category, Input.Village, staff ? "walk-in" : "resident", parties);
        var v = await report.ValidateAsync(request, reporter, ct);
        ModelState.Clear();
        var errors = v.Errors.ToDictionary(e => e.Key switch { "parties[0].name" => "otherParty", "parties[0].phone" => "otherPartyPhone", var k => k }, e => e.Value);
        ModelState.AddFieldErrors(errors);
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        var c = await report.ExecuteAsync(request, reporter, null, ct);
        TempData["Message"] = $"已收到您反映的纠纷,编号 {c.CaseNo}。工作人员会尽快联系您。";
        return RedirectToPage("/MyCase", new { id = c.Id });
    }
}
