using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Obligations;
using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.DisputeRouting.Pages.Admin;

/// <summary>
/// 提醒与履行核查: the signed-in staff member's notices (deadline reminders, overdue obligations), every notice for
/// the township's dispute managers; and, for them, the reminder window setting (到期前提醒).
/// </summary>
[Authorize(Policy = DisputePermissions.ViewName)]
public sealed class NotificationsModel(DisputesDbContext db, ReminderSettings settings, IAuthorizationService authorization, ITownshipAccessor townships) : PageModel
{
    public IReadOnlyList<DisputeNotification> Items { get; private set; } = [];
    public bool CanManage { get; private set; }
    public ReminderWindow Window { get; private set; } = ReminderSettings.Default;

    [BindProperty] public ReminderInput Input { get; set; } = new();

    public sealed class ReminderInput
    {
        public int? Amount { get; set; }
        public string Unit { get; set; } = "days";
    }

    public DateTimeOffset Local(DateTime utc) => Cases.CaseMapping.Local(townships.Current, utc);

    private async Task LoadAsync(bool fillForm, CancellationToken ct)
    {
        CanManage = (await authorization.AuthorizeAsync(User, DisputePermissions.ManageName)).Succeeded;
        Items = await DisputeInbox.ForAsync(db, User, CanManage, ct);
        Window = await settings.GetAsync(ct);
        if (fillForm) Input = new ReminderInput { Amount = Window.Hours ?? Window.WorkingDays, Unit = Window.Hours is null ? "days" : "hours" };
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(fillForm: true, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, DisputePermissions.ManageName)).Succeeded) return Forbid();
        var iso = Input.Amount is { } n ? (Input.Unit == "hours" ? $"PT{n}H" : $"P{n}D") : null;
        var v = ReminderSettings.Validate(new ReminderSettingsDto(iso!), out var window);
        ModelState.Clear();
        if (!v.IsValid)
        {
            foreach (var message in v.Errors.SelectMany(e => e.Value)) ModelState.AddModelError("Input.Amount", message);
            await LoadAsync(fillForm: false, ct);
            return Page();
        }
        await settings.SaveAsync(window!, ct);
        TempData["Message"] = $"到期前提醒已设为 {window!.Chinese}";
        return RedirectToPage();
    }
}
