using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Mediation.Pages;

[Authorize]
[RequiresFeature(MediationFeatures.Booking)]
public sealed class BookingsModel(MediationDbContext db, ChangeBooking change, ITownshipAccessor townships) : PageModel
{
    private Dictionary<int, string> _rooms = [];

    public IReadOnlyList<BookingDto> Items { get; private set; } = [];
    public IReadOnlyList<Notifications.Notification> Notices { get; private set; } = [];

    public string RoomName(int id) => _rooms.TryGetValue(id, out var name) ? name : "调解室";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = Applicant.Id(User) ?? "";
        var items = await db.Bookings.AsNoTracking().Where(b => b.ApplicantId == me).OrderByDescending(b => b.SlotStart).Take(100).ToListAsync(ct);
        Items = [.. items.Select(b => b.ToDto(townships.Current))];
        var ids = items.Select(b => b.RoomId).Distinct().ToList();
        _rooms = await db.Rooms.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        Notices = await db.Notifications.AsNoTracking().Where(n => n.UserId == me).OrderByDescending(n => n.CreatedAt).Take(20).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct)
    {
        var me = Applicant.Id(User);
        var limit = (await Settings.MediationSettingsStore.GetAsync(db, ct)).ChangeLimitHours;
        var (outcome, _) = await change.CancelAsync(id, b => b.ApplicantId == me, Applicant.Name(User), limit, ct);
        TempData["Message"] = outcome switch
        {
            ChangeBooking.Outcome.Done => "预约已取消,时段已释放",
            ChangeBooking.Outcome.TooLate => $"距开始已不足 {limit} 小时,不能再取消,请联系调解室",
            ChangeBooking.Outcome.WrongState => "这条预约已取消或已被婉拒",
            _ => "没有这条预约",
        };
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRescheduleAsync(int id, string? start, [FromServices] RescheduleBooking reschedule, CancellationToken ct)
    {
        var (outcome, _, v) = await reschedule.ExecuteAsync(id, new RescheduleRequest(start), Applicant.Id(User) ?? "", ct);
        var limit = (await Settings.MediationSettingsStore.GetAsync(db, ct)).ChangeLimitHours;
        TempData["Message"] = !v.IsValid ? "未能改约:" + string.Join(";", v.Errors.SelectMany(e => e.Value)) : outcome switch
        {
            ChangeBooking.Outcome.Done => "已改约,请等待工作人员确认新的时间",
            ChangeBooking.Outcome.TooLate => $"距开始已不足 {limit} 小时,不能再改约,请联系调解室",
            ChangeBooking.Outcome.Taken => "新的时段已被预约或调解员已有安排,请选择其他时段",
            ChangeBooking.Outcome.WrongState => "这条预约已结束、已取消或已被婉拒,不能改约",
            _ => "没有这条预约",
        };
        return RedirectToPage();
    }
}
