using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Mediators;
using Zhizhi.Orchard.Mediation.Rooms;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Mediation.Pages.Admin;

/// <summary>
/// A mediator's own unavailable times (issue 6 item 2): list, add, remove. Slots and the automatic choice of
/// mediator skip them. Bookings the mediator already holds in a new absence are listed as a warning and the
/// absence is saved only when staff confirm (those bookings then need another mediator, from the inbox).
/// </summary>
[Authorize(Policy = MediationPermissions.ManageBookingsName)]
[RequiresFeature(MediationFeatures.Booking)]
public sealed class MediatorAbsencesModel(MediationDbContext db, TimeProvider clock, ITownshipAccessor townships) : PageModel
{
    public Mediator? Mediator { get; private set; }
    public IReadOnlyList<(MediatorAbsence Absence, List<Booking> Held)> Absences { get; private set; } = [];
    /// <summary>Bookings the submitted absence would leave without their mediator (shown, not yet saved).</summary>
    public IReadOnlyList<Booking> Conflicts { get; private set; } = [];

    [BindProperty] public AbsenceForm Input { get; set; } = new();

    public sealed class AbsenceForm
    {
        public DateTime? Start { get; set; }
        public DateTime? End { get; set; }
        public string? Reason { get; set; }
        /// <summary>Save even though bookings hold the time (they are re-assigned afterwards).</summary>
        public bool Confirm { get; set; }
    }

    private TimeZoneInfo Zone => TownshipTime.Zone(townships.Current);

    public string Local(DateTime utc) => AbsenceRules.Local(utc, Zone);

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Mediator = await db.Mediators.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (Mediator is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var absences = await db.MediatorAbsences.AsNoTracking().Where(a => a.MediatorId == id && a.End > now).OrderBy(a => a.Start).ToListAsync(ct);
        // One query for the bookings under all the absences, shared out in memory.
        var held = absences.Count == 0 ? []
            : await AbsenceRules.HeldBookingsAsync(db, id, absences.Min(a => a.Start), absences.Max(a => a.End), ct);
        Absences = [.. absences.Select(a => (a, held.Where(b => b.SlotStart < a.End && b.SlotEnd > a.Start).ToList()))];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
        => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await db.Mediators.AnyAsync(m => m.Id == id, ct)) return NotFound();
        DateTime? start = Input.Start is { } s ? SlotCalendar.Local(s, Zone).UtcDateTime : null;
        DateTime? end = Input.End is { } e ? SlotCalendar.Local(e, Zone).UtcDateTime : null;
        var v = await AbsenceRules.ValidateAsync(db, id, start, end, Input.Reason, clock.GetUtcNow().UtcDateTime, Zone, ct);
        ModelState.AddFieldErrors(v.Errors, "Input");
        if (ModelState.IsValid && !Input.Confirm)
            Conflicts = await AbsenceRules.HeldBookingsAsync(db, id, start!.Value, end!.Value, ct);
        if (!ModelState.IsValid || Conflicts.Count > 0)
        {
            await LoadAsync(id, ct);
            return Page();
        }
        db.MediatorAbsences.Add(new MediatorAbsence
        {
            MediatorId = id,
            Start = DateTime.SpecifyKind(start!.Value, DateTimeKind.Utc),
            End = DateTime.SpecifyKind(end!.Value, DateTimeKind.Utc),
            Reason = string.IsNullOrWhiteSpace(Input.Reason) ? null : Input.Reason.Trim(),
        });
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"已登记不可预约时间:{Local(start.Value)} 至 {Local(end.Value)}";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int absenceId, CancellationToken ct)
    {
        var removed = await db.MediatorAbsences.Where(a => a.Id == absenceId && a.MediatorId == id).ExecuteDeleteAsync(ct);
        TempData["Message"] = removed > 0 ? "已删除这段不可预约时间" : "这条记录已不存在";
        return RedirectToPage(new { id });
    }
}
