using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Contracts;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Pages;

/// <summary>
/// The report form (纠纷反映): a resident's mobile report naming the other party; staff (window staff for a walk-in, a grid
/// worker from the field) also name the applicant and the source. Each party may carry their 村民小组, which the mediator
/// screening compares with the mediators' declared groups; the request goes through the API's own validation.
/// </summary>
[Authorize(Policy = DisputePermissions.ReportName)]
public sealed class ReportModel(DisputesDbContext db, ReportDispute report, ITownshipDirectory directory, IAuthorizationService authorization, IServiceProvider services) : PageModel
{
    public const int GroupLength = ReportDispute.GroupLength;

    /// <summary>The sources staff may choose on this form (a booking files its case itself; residents are always "resident").</summary>
    public static readonly string[] StaffSources = ["walk-in", "grid", "hotline"];

    public IReadOnlyList<string> Categories { get; private set; } = [];
    public IReadOnlyList<string> Villages { get; private set; } = [];
    /// <summary>Staff only: 村民小组 already known in the township (mediators' declared groups, earlier parties), as suggestions with their village.</summary>
    public IReadOnlyList<(string Group, string? Village)> KnownGroups { get; private set; } = [];
    public bool IsStaff { get; private set; }

    [BindProperty] public ReportInput Input { get; set; } = new();

    public sealed class ReportInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Category { get; set; }
        public string? Village { get; set; }
        public string? Source { get; set; }
        public string? Applicant { get; set; }
        public string? ApplicantPhone { get; set; }
        public string? ApplicantGroup { get; set; }
        public string? OtherParty { get; set; }
        public string? OtherPartyPhone { get; set; }
        public string? OtherPartyGroup { get; set; }
        /// <summary>A resident's own 村民小组: when given, the resident is recorded as the applicant (申请人) under their account's name.</summary>
        public string? MyGroup { get; set; }
    }

    private async Task<bool> StaffAsync() => (await authorization.AuthorizeAsync(User, DisputePermissions.ViewName)).Succeeded;

    /// <summary>A grid worker's report comes from the field; other staff enter walk-ins at the window.</summary>
    private string DefaultSource() => User.IsInRole(BuiltInRoles.GridWorker) && !User.IsInRole(BuiltInRoles.Administrator) && !User.IsInRole(BuiltInRoles.Mediator) ? "grid" : "walk-in";

    private async Task LoadAsync(CancellationToken ct)
    {
        IsStaff = await StaffAsync();
        Categories = await db.Categories.AsNoTracking().Where(c => !c.Retired).OrderBy(c => c.Order).Select(c => c.Name).ToListAsync(ct);
        Villages = [.. (await directory.VillagesAsync(ct)).Select(v => v.Name)];
        if (IsStaff) KnownGroups = await KnownGroupsAsync(ct);
    }

    private async Task<IReadOnlyList<(string, string?)>> KnownGroupsAsync(CancellationToken ct)
    {
        var known = new List<(string Group, string? Village)>();
        if (services.GetService<IMediatorDirectory>() is { IsAvailable: true } mediators)
            known.AddRange((await mediators.MediatorsAsync(ct)).Where(m => m.Active && m.VillageGroup is not null).Select(m => (m.VillageGroup!, m.Village)));
        // The groups of the parties entered most recently (by key, so a township with many cases reads a bounded slice).
        var parties = await (from p in db.Parties.AsNoTracking()
                             join c in db.Cases.AsNoTracking() on p.CaseId equals c.Id
                             where p.VillageGroup != null
                             orderby p.Id descending
                             select new { p.VillageGroup, c.Village }).Take(2000).ToListAsync(ct);
        known.AddRange(parties.Select(p => (Group: p.VillageGroup!, Village: (string?)p.Village)).Distinct().Take(200));
        return [.. known.Distinct().OrderBy(x => x.Village ?? "").ThenBy(x => x.Group, StringComparer.Ordinal)];
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (IsStaff) Input.Source ??= DefaultSource();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var staff = await StaffAsync();
        var reporter = new Reporter(CaseEndpoints.UserId(User), CaseEndpoints.Actor(User), staff);
        // Each form block becomes one party; the map turns the API's field names back into the form's.
        var parties = new List<PartyRequest>();
        var fields = new Dictionary<string, string>();
        void AddParty(string field, string? name, string? phone, string? group, string role)
        {
            if (string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(phone) && string.IsNullOrWhiteSpace(group)) return;
            var i = parties.Count;
            parties.Add(new PartyRequest(name, phone, role, group));
            fields[$"parties[{i}].name"] = field;
            fields[$"parties[{i}].phone"] = field + "Phone";
            fields[$"parties[{i}].villageGroup"] = field + "Group";
        }
        if (staff) AddParty("applicant", Input.Applicant, Input.ApplicantPhone, Input.ApplicantGroup, "申请人");
        else if (!string.IsNullOrWhiteSpace(Input.MyGroup)) AddParty("my", reporter.Name, null, Input.MyGroup, "申请人");
        AddParty("otherParty", Input.OtherParty, Input.OtherPartyPhone, Input.OtherPartyGroup, "对方当事人");
        var source = !staff ? "resident" : string.IsNullOrWhiteSpace(Input.Source) ? DefaultSource() : Input.Source.Trim();
        var request = new ReportRequest(Input.Title, Input.Description, Input.Category, Input.Village, source, parties.Count == 0 ? null : parties);
        var v = await report.ValidateAsync(request, reporter, ct);
        if (staff && !StaffSources.Contains(source) && !v.Errors.ContainsKey("source"))
            v.Add("source", "请选择来源:窗口来访、网格员上报或 12345 热线");
        ModelState.Clear();
        ModelState.AddFieldErrors(v.Errors.ToDictionary(e => fields.GetValueOrDefault(e.Key, e.Key), e => e.Value));
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var c = await report.ExecuteAsync(request, reporter, null, ct);
        TempData["Message"] = staff
            ? $"已登记纠纷,编号 {c.CaseNo}。"
            : $"已收到您反映的纠纷,编号 {c.CaseNo}。工作人员会尽快联系您。";
        return staff ? Redirect($"{Request.PathBase}/admin/disputes/{c.Id}") : RedirectToPage("/MyCase", new { id = c.Id });
    }
}
