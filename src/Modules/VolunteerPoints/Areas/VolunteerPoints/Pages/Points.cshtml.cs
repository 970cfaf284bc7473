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
    public const int PageSize = 50;
    public int Balance { get; private set; }
    public int Spendable { get; private set; }
    public IReadOnlyList<LedgerEntry> Entries { get; private set; } = [];
    public long? NextBefore { get; private set; }
    public bool IsFirstPage { get; private set; }

    public DateTime Local(DateTime utc) => TownshipTime.ToLocal(townships.Current, utc);

    /// <summary>Newest first, <see cref="PageSize"/> a page; "before" is the last id of the previous page (keyset).</summary>
    public async Task OnGetAsync(long? before, CancellationToken ct)
    {
        var userName = User.FindFirstValue(ClaimTypes.Name)!;
        (Balance, Spendable) = await ledger.BalancesAsync(userName, ct);
        IsFirstPage = before is null;
        var query = db.Ledger.AsNoTracking().Where(e => e.UserName == userName);
        if (before is not null) query = query.Where(e => e.Id < before);
        var page = await query.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(ct);
        if (page.Count > PageSize)
        {
            page.RemoveAt(PageSize);
            NextBefore = page[^1].Id;
        }
        Entries = page;
    }
}
