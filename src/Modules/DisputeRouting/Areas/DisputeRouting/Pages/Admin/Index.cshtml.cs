using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Pages.Admin;

/// <summary>待办: open cases first by deadline, with red/yellow/green marks; the ledger's filters.</summary>
[Authorize(Policy = DisputePermissions.ViewName)]
public sealed class IndexModel(DisputesDbContext db, ITownshipAccessor townships, ITownshipDirectory directory, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = "open";
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Village { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Grade { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNo { get; set; } = 1;

    public int Total { get; private set; }
    public IReadOnlyList<CaseDto> Items { get; private set; } = [];
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public IReadOnlyList<string> Villages { get; private set; } = [];

    public string Query(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status, ["level"] = Level, ["overdue"] = Overdue ? "true" : null, ["village"] = Village,
        ["category"] = Category, ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["q"] = Q, ["grade"] = Grade, ["p"] = page.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = CaseFilter.Apply(db.Cases.AsNoTracking(), townships.Current, now, Status == "all" ? null : Status, Level, Overdue, Village, Category, From, To, Q, CaseGrades.All.Contains(Grade) ? Grade : null);
        Total = await query.CountAsync(ct);
        PageNo = Math.Max(PageNo, 1);
        // Open work is ordered by deadline (most urgent first); the ledger of settled cases by number.
        var ordered = Status == "open" ? query.OrderBy(c => c.DeadlineAt == null).ThenBy(c => c.DeadlineAt).ThenBy(c => c.Id) : query.OrderByDescending(c => c.Id);
        var cases = await ordered.Skip((PageNo - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Items = [.. cases.Select(c => c.ToDto(townships.Current, now, Audience.Staff, null))];
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.Order).Select(c => c.Name).ToListAsync(ct);
        Villages = [.. (await directory.VillagesAsync(ct)).Select(v => v.Name)];
    }
}
