using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Mediation.Pages.Admin;

[Authorize(Policy = MediationPermissions.ManageRoomsName)]
public sealed class IndexModel(MediationDbContext db, CreateRoom create, Townships.Contracts.ITownshipDirectory directory) : PageModel
{
    public IReadOnlyList<Room> Rooms { get; private set; } = [];
    private List<Mediators.Mediator> _mediators = [];

    public IEnumerable<Mediators.Mediator> MediatorsOf(int roomId) => _mediators.Where(m => m.RoomIds.Contains(roomId));
    public IReadOnlyList<string> Categories => Zhizhi.Orchard.Mediation.Rooms.Categories.All;

    [BindProperty] public RoomInput Input { get; set; } = new();

    public sealed class RoomInput
    {
        public string? Name { get; set; }
        public string? Address { get; set; }
        public string? Brand { get; set; }
        public List<string> Specialties { get; set; } = [];
        public List<int> Days { get; set; } = [1, 2, 3, 4, 5];
        public string? Open { get; set; } = "09:00";
        public string? Close { get; set; } = "17:00";
        public int SlotMinutes { get; set; } = 60;
        public string? ClosedDays { get; set; }
        public string? Mediators { get; set; }
        public string? Village { get; set; }
        public bool OpenOnMakeUpWorkdays { get; set; }
    }

    public IReadOnlyList<string> Villages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        _mediators = await db.Mediators.AsNoTracking().Where(m => m.Active).OrderBy(m => m.Id).ToListAsync(ct);
        Villages = [.. (await directory.VillagesAsync(ct)).Select(v => v.Name)];
    }

    public async Task<IActionResult> OnPostPhotoAsync(int id, IFormFile? photo, [FromServices] ITownshipFiles files, [FromServices] Township township, CancellationToken ct)
    {
        var room = await db.Rooms.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (room is null) return NotFound();
        var (url, error) = await RoomPhotos.SaveAsync(files, township, photo, ct);
        if (error is not null)
        {
            ModelState.AddModelError("", $"“{room.Name}”的照片未保存:{error}");
            await OnGetAsync(ct);
            return Page();
        }
        room.PhotoUrl = url;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"已更新“{room.Name}”的照片";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // <input type="time"> may send seconds ("09:00:00"); the API wants "HH:mm".
        static string? Hm(string? t) => t is { Length: > 5 } ? t[..5] : t;
        var request = new RoomRequest(
            Input.Name, Input.Brand, Input.Address, [.. Input.Specialties], Input.SlotMinutes,
            [.. Input.Days.Distinct().Select(d => new OpeningHoursRequest(d, Hm(Input.Open), Hm(Input.Close)))],
            [.. (Input.ClosedDays ?? "").Split([',', ',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            [.. (Input.Mediators ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split([',', ','], 2, StringSplitOptions.TrimEntries))
                .Select(p => new MediatorRequest(p[0], p.Length > 1 && p[1].Length > 0 ? p[1] : null))],
            Input.Village, Input.OpenOnMakeUpWorkdays);
        var v = await create.ValidateAsync(request, ct);
        // The API's "openingHours" is the page's open/close times; the rest match the Input names.
        ModelState.AddFieldErrors(v.Errors.ToDictionary(e => e.Key == "openingHours" ? "close" : e.Key, e => e.Value));
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        var room = await create.ExecuteAsync(request, ct);
        TempData["Message"] = $"已新增“{room.Name}”";
        return RedirectToPage();
    }
}
