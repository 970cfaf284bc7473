using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;

namespace Zhizhi.Orchard.DisputeRouting.Pages;

/// <summary>我的纠纷: the cases the signed-in resident reported.</summary>
[Authorize]
public sealed class MyCasesModel(DisputesDbContext db, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CaseDto> Items { get; private set; } = [];
    /// <summary>The plain-language status per case id (已上报县级处理 while the county holds it).</summary>
    public IReadOnlyDictionary<int, string> PublicStatus { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var id = CaseEndpoints.UserId(User);
        var now = clock.GetUtcNow().UtcDateTime;
        var cases = await db.Cases.AsNoTracking().Where(c => c.ReporterId == id).OrderByDescending(c => c.Id).Take(200).ToListAsync(ct);
        Items = [.. cases.Select(c => c.ToDto(townships.Current, now, Audience.Reporter, null))];
        PublicStatus = cases.ToDictionary(c => c.Id, County.CountyHold.PublicStatus);
    }
}
