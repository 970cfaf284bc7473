using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Mediation.Pages.Admin;

[Authorize(Policy = MediationPermissions.ManageBookingsName)]
[RequiresFeature(MediationFeatures.Booking)]
public sealed class BookingsModel(MediationDbContext db, ChangeBooking change, ITownshipAccessor townships) : PageModel
{
    private Dictionary<int, string> _rooms = [];

    public IReadOnlyList<BookingDto> Items { get; private set; } = [];

    public string RoomName(int id) => _rooms.TryGetValue(id, out var name) ? name : "";

    public async Task OnGetAsync(string? status, CancellationToken ct)
    {
        var query = db.Bookings.AsNoTracking();
        query = status switch
        {
            "all" => query,
            BookingStatus.Confirmed => query.Where(b => b.Status == BookingStatus.Confirmed),
            _ => query.Where(b => b.Status == BookingStatus.Pending),
        };
        var items = await query.OrderBy(b => b.SlotStart).Take(300).ToListAsync(ct);
        Items = [.. items.Select(b => b.ToDto(townships.Current))];
        _rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct)
    {
        var (outcome, _) = await change.ConfirmAsync(id, Applicant.Name(User), ct);
        TempData["Message"] = outcome == ChangeBooking.Outcome.Done ? "已确认" : "未能确认:预约不存在或已处理";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeclineAsync(int id, string? reason, CancellationToken ct)
    {
        if (reason is { Length: > BookingRules.MaxReasonLength }) reason = reason[..BookingRules.MaxReasonLength];
        var (outcome, _) = await change.DeclineAsync(id, reason, Applicant.Name(User), ct);
        TempData["Message"] = outcome == ChangeBooking.Outcome.Done ? "已婉拒" : "未能婉拒:预约不存在或已处理";
        return RedirectToPage();
    }
}
