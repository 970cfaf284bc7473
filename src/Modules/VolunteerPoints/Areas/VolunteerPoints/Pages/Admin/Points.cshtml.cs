using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Townships.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Ledger;
using Zhizhi.Orchard.VolunteerPoints.Rules;
using Zhizhi.Orchard.VolunteerPoints.Volunteers;

namespace Zhizhi.Orchard.VolunteerPoints.Pages.Admin;

/// <summary>The township's points rules, manual grants with their approvals, and the volunteer teams.</summary>
[Authorize(Policy = VolunteerPermissions.ManageName)]
public sealed class PointsModel(PointsDbContext db, RulesStore rulesStore, GrantPoints grants, Volunteering volunteering, ITownshipDirectory directory,
    ITownshipAccessor townships) : PageModel
{
    public IReadOnlyList<PointsGrant> Pending { get; private set; } = [];
    public IReadOnlyList<PointsGrant> Decided { get; private set; } = [];
    public IReadOnlyList<TeamDto> Teams { get; private set; } = [];
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public string? Me => User.FindFirstValue(ClaimTypes.Name);

    [BindProperty] public RulesInput Rules { get; set; } = new();
    [BindProperty] public GrantInput Grant { get; set; } = new();
    [BindProperty] public TeamInput Team { get; set; } = new();

    public sealed class RulesInput
    {
        public string PointsMode { get; set; } = PointsModes.PerActivity;
        public int? DailyCap { get; set; }
        public int? GrantApprovalAbove { get; set; }
        public int NoticeDays { get; set; }
        public string Expiry { get; set; } = ExpiryRules.Never;
    }

    public sealed class GrantInput
    {
        public string? UserName { get; set; }
        public int? Points { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class TeamInput
    {
        public string? Name { get; set; }
        public string? Leader { get; set; }
        public int? VillageId { get; set; }
    }

    public DateTime Local(DateTime utc) => TownshipTime.ToLocal(townships.Current, utc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var r = await rulesStore.GetAsync(ct);
        Rules = new RulesInput { PointsMode = r.PointsMode, DailyCap = r.DailyCap, GrantApprovalAbove = r.GrantApprovalAbove, NoticeDays = r.NoticeDays, Expiry = r.Expiry };
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Pending = await db.Grants.AsNoTracking().Where(g => g.Status == GrantStatus.Pending).OrderBy(g => g.Id).Take(200).ToListAsync(ct);
        Decided = await db.Grants.AsNoTracking().Where(g => g.Status != GrantStatus.Pending).OrderByDescending(g => g.Id).Take(20).ToListAsync(ct);
        Teams = await volunteering.TeamsAsync(ct);
        Villages = await directory.VillagesAsync(ct);
    }

    public async Task<IActionResult> OnPostRulesAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var dto = new RulesDto(Rules.PointsMode, Rules.DailyCap, Rules.GrantApprovalAbove, Rules.NoticeDays, Rules.Expiry);
        ModelState.AddFieldErrors(RulesStore.Validate(dto).Errors, "Rules");
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        await rulesStore.SaveAsync(dto, Me, ct);
        TempData["Message"] = "积分规则已保存";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var request = new GrantRequest(Grant.UserName, Grant.Points, Grant.Reason);
        ModelState.AddFieldErrors((await grants.ValidateAsync(request, ct)).Errors, "Grant");
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        if (await grants.NeedsApprovalAsync(request, ct))
        {
            await grants.RequestAsync(request, Me!, ct);
            TempData["Message"] = $"发放 {request.Points} 积分超过审批门槛,已提交,待另一位管理员审批";
        }
        else
        {
            await grants.ExecuteAsync(request, Me, ct);
            TempData["Message"] = $"已向 {request.UserName!.Trim()} 发放 {request.Points} 积分";
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, bool approve, CancellationToken ct)
    {
        var (decision, _) = await grants.DecideAsync(id, approve, Me!, ct);
        TempData["Message"] = decision switch
        {
            GrantPoints.Decision.Done => approve ? "已批准,积分已发放" : "已驳回",
            GrantPoints.Decision.OwnGrant => "不能审批自己提出的发放申请,请另一位管理员审批",
            GrantPoints.Decision.NotPending => "这个发放申请已经审批过了",
            _ => "没有这个发放申请",
        };
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTeamAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var request = new TeamRequest(Team.Name, Team.Leader, Team.VillageId);
        ModelState.AddFieldErrors((await volunteering.ValidateAsync(request, ct)).Errors, "Team");
        if (ModelState.IsValid)
        {
            if (await volunteering.AddTeamAsync(request, ct) is not null)
            {
                TempData["Message"] = $"已新建服务队“{request.Name!.Trim()}”";
                return RedirectToPage();
            }
            ModelState.AddModelError("Team.Name", "已有同名服务队");
        }
        await OnGetAsync(ct);
        return Page();
    }
}
