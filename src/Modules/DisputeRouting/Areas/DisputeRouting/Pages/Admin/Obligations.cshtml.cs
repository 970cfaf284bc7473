using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Obligations;
using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.DisputeRouting.Pages.Admin;

/// <summary>
/// The agreement with its obligations (履行事项): terms, 司法确认 and the list of duties in one form (the
/// <c>agreement</c> action), and per open obligation the record of its fulfilment or breach (the <c>obligation</c> action).
/// </summary>
[Authorize(Policy = DisputePermissions.HandleName)]
public sealed class ObligationsModel(DisputesDbContext db, CaseActions actions, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public const int BlankRows = 3;

    public CaseDto Case { get; private set; } = null!;
    public IReadOnlyList<Obligation> Current { get; private set; } = [];
    /// <summary>Whether the case's state machine takes the agreement now (not before 受理, e.g. while the county holds the case).</summary>
    public bool AgreementAllowed { get; private set; }
    public bool CountyHolds { get; private set; }

    [BindProperty] public AgreementInput Input { get; set; } = new();

    public sealed class AgreementInput
    {
        public string? Terms { get; set; }
        public bool JudicialConfirmation { get; set; }
        public List<Row> Obligations { get; set; } = [];
        public int? ObligationId { get; set; }
        public string? Result { get; set; }
        public string? Path { get; set; }
        public string? Note { get; set; }
    }

    public sealed class Row
    {
        public int? Id { get; set; }
        public string? Party { get; set; }
        public string? What { get; set; }
        public string? Amount { get; set; }
        public string? DueDate { get; set; }

        public bool IsBlank => Id is null && string.IsNullOrWhiteSpace(Party) && string.IsNullOrWhiteSpace(What) && string.IsNullOrWhiteSpace(Amount) && string.IsNullOrWhiteSpace(DueDate);
    }

    private async Task<bool> LoadAsync(int id, bool fillForm, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return false;
        Case = c.ToDto(townships.Current, clock.GetUtcNow().UtcDateTime, Audience.Handler, null);
        AgreementAllowed = CaseActions.Allows(c, "agreement");
        CountyHolds = County.CountyHold.Holds(c);
        Current = await ObligationMapping.OfCaseAsync(db, id, ct);
        if (fillForm)
        {
            Input.Terms = c.AgreementTerms;
            Input.JudicialConfirmation = c.JudicialConfirmation;
            Input.Obligations = [.. Current.Select(o => new Row { Id = o.Id, Party = o.PartyName, What = o.What, Amount = o.AmountFen is { } f ? Obligation.Yuan(f) : null, DueDate = o.DueDate.ToString("yyyy-MM-dd") })];
        }
        while (Input.Obligations.Count(r => r.IsBlank) < BlankRows) Input.Obligations.Add(new Row());
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, fillForm: true, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAgreementAsync(int id, CancellationToken ct)
    {
        // Blank rows are the form's spare lines, not obligations; the API's field names are kept by index.
        var rows = Input.Obligations.Where(r => !r.IsBlank).ToList();
        Input.Obligations = rows;
        var amounts = new List<decimal?>();
        var unreadable = new Validation();
        for (var i = 0; i < rows.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(rows[i].Amount)) amounts.Add(null);
            else if (decimal.TryParse(rows[i].Amount!.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var a)) amounts.Add(a);
            else { amounts.Add(null); unreadable.Add($"obligations[{i}].amount", "金额须为数字(元),如 400 或 400.50"); }
        }
        var request = new ActionRequest("agreement", null, null, null, Input.Terms, Input.JudicialConfirmation,
            Obligations: [.. rows.Select((r, i) => (ObligationItem?)new ObligationItem(r.Id, r.Party, r.What, amounts[i], r.DueDate))]);
        return await RunAsync(id, request, "调解协议与履行事项已保存", ct, unreadable);
    }

    public Task<IActionResult> OnPostRecordAsync(int id, CancellationToken ct)
        => RunAsync(id, new ActionRequest("obligation", Input.Note, null, null, null, null,
            ObligationId: Input.ObligationId, Result: Input.Result, Path: Input.Result == ObligationStatus.Breached ? Input.Path : null),
            Input.Result == ObligationStatus.Fulfilled ? "已登记履行完毕" : "已登记未履行", ct);

    private async Task<IActionResult> RunAsync(int id, ActionRequest request, string done, CancellationToken ct, Validation? before = null)
    {
        var v = CaseActions.Validate(request);
        ModelState.Clear();
        ModelState.AddFieldErrors(v.Errors);
        ModelState.AddFieldErrors(before?.Errors);
        if (v.IsValid && before?.IsValid != false)
        {
            var r = await actions.ExecuteWithRetryAsync(id, request, CaseEndpoints.Actor(User), ct);
            if (r.Outcome == CaseActions.Outcome.NotFound) return NotFound();
            if (r.Outcome == CaseActions.Outcome.Done)
            {
                TempData["Message"] = done;
                return RedirectToPage(new { id });
            }
            if (r.Errors is not null) ModelState.AddFieldErrors(r.Errors);
            else ModelState.AddModelError("", r.Message!);
        }
        return await LoadAsync(id, fillForm: false, ct) ? Page() : NotFound();
    }
}
