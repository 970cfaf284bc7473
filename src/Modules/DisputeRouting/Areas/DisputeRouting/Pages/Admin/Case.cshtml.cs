using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.DisputeRouting.Pages.Admin;

/// <summary>The staff case page: details, timeline with its hash-chain check, the actions as buttons, the agreement.</summary>
[Authorize(Policy = DisputePermissions.ViewName)]
public sealed class CaseModel(DisputesDbContext db, CaseActions actions, IAuthorizationService authorization, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public CaseDto Case { get; private set; } = null!;
    public HashChain.Result Chain { get; private set; } = null!;
    public bool CanHandle { get; private set; }
    /// <summary>The case as stored: the buttons offered are the actions its state machine would take (<see cref="CaseActions.Allows"/>).</summary>
    public DisputeCase Entity { get; private set; } = null!;
    /// <summary>Escalated past the township and not yet answered by the county.</summary>
    public bool CountyHolds => County.CountyHold.Holds(Entity);

    public bool Allows(string action) => CaseActions.Allows(Entity, action);

    [BindProperty] public ActionInput Input { get; set; } = new();

    public sealed class ActionInput
    {
        public string? Note { get; set; }
        public string? Reason { get; set; }
        public int? Satisfaction { get; set; }
        public string? Terms { get; set; }
        public bool JudicialConfirmation { get; set; }
        public string? Grade { get; set; }
        public string? Leader { get; set; }
        /// <summary>村民小组 per party id (the 当事人 form).</summary>
        public Dictionary<int, string?> Groups { get; set; } = [];
    }

    private static string Done(string op) => op switch
    {
        "accept" => "已受理",
        "resolve" => "已登记调解成功",
        "fail" => "已登记调解未成,流程将上交上级",
        "escalate" => "已上交上级",
        "close" => "已办结",
        "revisit" => "已登记回访",
        "pause" => "已暂停计时",
        "resume" => "已恢复计时",
        "agreement" => "调解协议已保存",
        "classify" => "等级与包案领导已保存",
        _ => "已记录备注",
    };

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return false;
        Entity = c;
        CanHandle = (await authorization.AuthorizeAsync(User, DisputePermissions.HandleName)).Succeeded;
        var timeline = await db.Timeline.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Seq).ToListAsync(ct);
        Case = c.ToDto(townships.Current, clock.GetUtcNow().UtcDateTime, CanHandle ? Audience.Handler : Audience.Staff, timeline);
        Chain = HashChain.Verify(timeline);
        if (Input.Terms is null && Case.AgreementTerms is not null) Input.Terms = Case.AgreementTerms;
        Input.JudicialConfirmation = Input.JudicialConfirmation || Case.JudicialConfirmation;
        Input.Grade ??= Case.Grade;
        Input.Leader ??= Case.Leader;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<IActionResult> SetGroupsAsync(int id, CancellationToken ct)
    {
        var v = PartyGroups.Validate(Input.Groups);
        ModelState.Clear();
        ModelState.AddFieldErrors(v.Errors);
        if (v.IsValid)
        {
            var r = await PartyGroups.SetAsync(db, id, Input.Groups, CaseEndpoints.Actor(User), clock.GetUtcNow().UtcDateTime, ct);
            if (r.Outcome == CaseActions.Outcome.NotFound) return NotFound();
            if (r.Outcome == CaseActions.Outcome.Done)
            {
                TempData["Message"] = r.Message;
                return RedirectToPage(new { id });
            }
            ModelState.AddModelError("", r.Message!);
        }
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? op, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, DisputePermissions.HandleName)).Succeeded) return Forbid();
        if (op == "groups") return await SetGroupsAsync(id, ct);
        // The 司法确认 checkbox lives in the agreement form only: other buttons must not reset it.
        var request = new ActionRequest(op, Input.Note, Input.Satisfaction, Input.Reason, Input.Terms, op == "agreement" ? Input.JudicialConfirmation : null,
            op == "classify" ? Input.Grade : null, op == "classify" ? Input.Leader : null);
        var v = CaseActions.Validate(request);
        ModelState.Clear();
        ModelState.AddFieldErrors(v.Errors);
        if (v.IsValid)
        {
            var r = await actions.ExecuteWithRetryAsync(id, request, CaseEndpoints.Actor(User), ct);
            if (r.Outcome == CaseActions.Outcome.NotFound) return NotFound();
            ModelState.AddFieldErrors(r.Errors);
            if (r.Outcome == CaseActions.Outcome.Done)
            {
                TempData["Message"] = Done(op!);
                return RedirectToPage(new { id });
            }
            ModelState.AddModelError("", r.Message!);
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }
}
