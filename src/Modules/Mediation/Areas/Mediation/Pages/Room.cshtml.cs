using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Mediation.Pages;

public sealed class RoomModel(MediationDbContext db, RoomSlots roomSlots, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public Room Room { get; private set; } = null!;
    public IReadOnlyList<Mediators.Mediator> Mediators { get; private set; } = [];
    public RoomRecord? Record { get; private set; }
    public IReadOnlyList<SlotDto> Slots { get; private set; } = [];
    public DateOnly From { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public bool BookingEnabled => townships.Current.IsEnabled(MediationFeatures.Booking);
    public bool CanBook => BookingEnabled && User.Identity?.IsAuthenticated == true;
    public IReadOnlyList<string> Categories => Zhizhi.Orchard.Mediation.Rooms.Categories.All;

    [BindProperty] public BookingInput Input { get; set; } = new();

    public sealed class BookingInput
    {
        public string? Start { get; set; }
        public string? Category { get; set; }
        public string? Description { get; set; }
        public string? OtherParty { get; set; }
    }

    public static string DayName(int isoDay) => isoDay switch
    {
        1 => "周一", 2 => "周二", 3 => "周三", 4 => "周四", 5 => "周五", 6 => "周六", _ => "周日",
    };

    public string WeekLink(int days) => Url.Content($"~/mediation/rooms/{Room.Id}") + "?from=" + From.AddDays(days).ToString("yyyy-MM-dd");

    public async Task<IActionResult> OnGetAsync(int id, string? from, CancellationToken ct)
        => await LoadAsync(id, from, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostBookAsync(int id, string? from, [FromServices] BookSlot book, CancellationToken ct)
    {
        if (!BookingEnabled) return NotFound();
        var applicant = Applicant.Id(User);
        if (applicant is null) return Challenge();
        var request = new BookingRequest(id, Input.Start, Input.Category, Input.Description ?? "", Input.OtherParty);
        var (outcome, booking, v) = await book.ExecuteAsync(request, applicant, Applicant.Name(User), ct);
        if (outcome == BookSlot.Outcome.Booked)
        {
            TempData["Message"] = $"预约已提交,预约码 {booking!.Code},请等待工作人员确认。";
            return Redirect(Url.Content("~/mediation/bookings"));
        }
        foreach (var (_, messages) in v.Errors)
            foreach (var m in messages) ModelState.AddModelError("", m);
        if (outcome == BookSlot.Outcome.Taken) ModelState.AddModelError("", "这个时段刚刚被别人预约了,请选择其他时段");
        if (outcome == BookSlot.Outcome.NoMediator) ModelState.AddModelError("", BookSlot.NoMediatorMessage);
        if (!await LoadAsync(id, from, ct)) return NotFound();
        Response.StatusCode = outcome is BookSlot.Outcome.Taken or BookSlot.Outcome.NoMediator ? 409 : 400;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, string? from, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (room is null) return false;
        Room = room;
        Mediators = [.. (await db.Mediators.AsNoTracking().Where(m => m.Active).OrderBy(m => m.Id).ToListAsync(ct)).Where(m => m.RoomIds.Contains(room.Id))];
        Record = await RoomRecords.ForAsync(db, room.Id, ct);
        var today = roomSlots.Today();
        From = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) && f >= today && f <= today.AddDays(366) ? f : today;
        Now = clock.GetUtcNow();
        Slots = await roomSlots.ForAsync(room, From, From.AddDays(6), ct);
        return true;
    }
}
