using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;

namespace Zhizhi.Orchard.DisputeRouting.Pages.Admin;

/// <summary>The printable mediation agreement (人民调解协议书): parties with phones, terms, signatures.</summary>
[Authorize(Policy = DisputePermissions.HandleName)]
public sealed class AgreementModel(DisputesDbContext db, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public CaseDto Case { get; private set; } = null!;
    public IReadOnlyList<Zhizhi.Orchard.DisputeRouting.Obligations.Obligation> Obligations { get; private set; } = [];
    public string TownshipName => townships.Current.DisplayName;
    public string Today => TownshipTime.ToLocal(townships.Current, clock.GetUtcNow().UtcDateTime).ToString("yyyy 年 M 月 d 日");

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c?.AgreementTerms is null) return NotFound();
        Case = c.ToDto(townships.Current, clock.GetUtcNow().UtcDateTime, Audience.Handler, null);
        Obligations = await Zhizhi.Orchard.DisputeRouting.Obligations.ObligationMapping.OfCaseAsync(db, id, ct);
        return Page();
    }
}
