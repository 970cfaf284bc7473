using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Ledger;

namespace Zhizhi.Orchard.VolunteerPoints.Pages;

[Authorize]
public sealed class PointsModel(PointsDbContext db, PointsLedger ledger, ITownshipAccessor townships) : PageModel
{
    public int Balance { get; private set; }
    public IReadOnlyList<LedgerEntry> Entries { get; private set; } = [];

    public DateTime Local(DateTime utc) => TownshipTime.ToLocal(townships.Current, utc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userName = User.FindFirstValue(ClaimTypes.Name)!;
        Balance = await ledger.BalanceAsync(userName, ct);
        Entries = await db.Ledger.AsNoTracking().Where(e => e.UserName == userName).OrderByDescending(e => e.Id).Take(200).ToListAsync(ct);
    }
}
