using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.DisputeRouting.County.Pages.Admin;

/// <summary>The county inbox: referrals from every township, open ones by deadline, with the township/status/overdue filters.</summary>
[RequiresFeature(CountyInboxStartup.FeatureId)]
[Authorize(Policy = CountyPermissions.HandleName)]
public sealed class DisputesModel(CountyDbContext db, ITownshipAccessor host, ITownshipManager townships, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Township { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Status { get; set; } = "open";
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")] public int PageNo { get; set; } = 1;

    public int Total { get; private set; }
    public IReadOnlyList<ReferralDto> Items { get; private set; } = [];
    public IReadOnlyList<Township> Townships { get; private set; } = [];
    public string? StatusError { get; private set; }

    public string Query(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["township"] = Township, ["status"] = Status, ["overdue"] = Overdue ? "true" : null, ["p"] = page.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Townships = [.. townships.List().Where(t => !t.IsHost && t.State != TownshipState.Initializing).OrderBy(t => t.DisplayName, StringComparer.Ordinal)];
        StatusError = CountyEndpoints.CheckStatus(Status == "all" ? null : Status);
        if (StatusError is not null) Status = "open";
        var now = clock.GetUtcNow().UtcDateTime;
        var query = CountyEndpoints.Filter(db.Referrals.AsNoTracking(), Township, Status == "all" ? null : Status, Overdue, now);
        Total = await query.CountAsync(ct);
        PageNo = Math.Max(PageNo, 1);
        // Open referrals by the county's deadline (most urgent first); settled ones newest first.
        var ordered = Status is "open" or ReferralStatus.Pending or ReferralStatus.Handling
            ? query.OrderBy(r => r.DeadlineAt).ThenBy(r => r.Id)
            : query.OrderByDescending(r => r.Id);
        var items = await ordered.Skip((PageNo - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Items = [.. items.Select(r => r.ToDto(host.Current, now, detail: false))];
    }
}
