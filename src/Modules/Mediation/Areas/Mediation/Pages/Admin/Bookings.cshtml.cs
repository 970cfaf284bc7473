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
    public IReadOnlyList<Mediators.Mediator> Mediators { get; private set; } = [];

    public IEnumerable<Mediators.Mediator> MediatorsFor(int roomId) => Mediators.Where(m => m.RoomIds.Contains(roomId));

    public string RoomName(int id) => _rooms.TryGetValue(id, out var name) ? name : "";

    public async Task OnGetAsync(string? status, CancellationToken ct)
    {
        var query = db.Bookings.AsNoTracking();
        query = status switch
        {
            "all" => query,
            BookingStatus.Confirmed => query.Where(b => b.Status == BookingStatus.Confirmed),
            "done" => query.Where(b => b.Status == BookingStatus.Completed || b.Status == BookingStatus.NoShow),
            _ => query.Where(b => b.Status == BookingStatus.Pending),
        };
        var items = await query.OrderBy(b => b.SlotStart).Take(300).ToListAsync(ct);
        Items = [.. items.Select(b => b.ToDto(townships.Current))];
        _rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        Mediators = await db.Mediators.AsNoTracking().Where(m => m.Active).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private static string Said(ChangeBooking.Outcome outcome, string done, string otherwise) => outcome switch
    {
        ChangeBooking.Outcome.Done => done,
        ChangeBooking.Outcome.TooLate => "时间不对:签到须在开始前一小时内,未到场须在开始之后",
        ChangeBooking.Outcome.Taken => "这位调解员在这个时段请假或已有安排",
        _ => otherwise,
    };

    public async Task<IActionResult> OnPostCheckInAsync(int id, CancellationToken ct)
    {
        TempData["Message"] = Said((await change.CheckInAsync(id, ct)).Outcome, "已签到", "未能签到:只有已确认且未签到的预约才能签到");
        return RedirectToPage(new { status = BookingStatus.Confirmed });
    }

    public async Task<IActionResult> OnPostNoShowAsync(int id, CancellationToken ct)
    {
        TempData["Message"] = Said((await change.NoShowAsync(id, null, Applicant.Name(User), ct)).Outcome, "已标记未到场", "未能标记:只有已确认且未签到的预约才能标记");
        return RedirectToPage(new { status = BookingStatus.Confirmed });
    }

    public async Task<IActionResult> OnPostOutcomeAsync(int id, string? outcome, string? note, CancellationToken ct)
    {
        if (outcome is not (BookingOutcomes.Settled or BookingOutcomes.NotSettled)) TempData["Message"] = "请选择调解结果";
        else
        {
            if (note is { Length: > BookingRules.MaxDescriptionLength }) note = note[..BookingRules.MaxDescriptionLength];
            TempData["Message"] = Said((await change.RecordOutcomeAsync(id, outcome, note, Applicant.Name(User), ct)).Outcome, "已登记调解结果", "未能登记:只有已签到的预约才能登记结果");
        }
        return RedirectToPage(new { status = "done" });
    }

    public async Task<IActionResult> OnPostAssignAsync(int id, int mediatorId, CancellationToken ct)
    {
        var mediator = await db.Mediators.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediatorId && m.Active, ct);
        TempData["Message"] = mediator is null ? "没有这位调解员"
            : Said((await change.AssignMediatorAsync(id, mediator, ct)).Outcome, $"已指派{mediator.Name}", "未能指派:预约已结束或已取消");
        return RedirectToPage();
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
