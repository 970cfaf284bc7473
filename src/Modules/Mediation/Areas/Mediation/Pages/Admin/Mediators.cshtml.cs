using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Mediators;
using Zhizhi.Orchard.Mediation.Rooms;
using Zhizhi.Orchard.Mediation.Settings;

namespace Zhizhi.Orchard.Mediation.Pages.Admin;

/// <summary>The township's mediators (type, specialties, rooms) and its booking rules (change limit, reminder webhook).</summary>
[Authorize(Policy = MediationPermissions.ManageRoomsName)]
public sealed class MediatorsModel(MediationDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Mediator> Items { get; private set; } = [];
    public IReadOnlyList<Room> Rooms { get; private set; } = [];
    public IReadOnlyList<string> Categories => Zhizhi.Orchard.Mediation.Rooms.Categories.All;
    public IReadOnlyList<string> Types => MediatorTypes.All;

    [BindProperty] public MediatorForm Input { get; set; } = new();
    [BindProperty] public SettingsForm Rules { get; set; } = new();

    public sealed class MediatorForm
    {
        public string? Name { get; set; }
        public string Type { get; set; } = "专职";
        public List<string> Specialties { get; set; } = [];
        public List<int> RoomIds { get; set; } = [];
        public string? Phone { get; set; }
    }

    public sealed class SettingsForm
    {
        public int? ChangeLimitHours { get; set; }
        public string? ReminderWebhookUrl { get; set; }
    }

    public string RoomName(int id) => Rooms.FirstOrDefault(r => r.Id == id)?.Name ?? $"#{id}";

    private async Task LoadAsync(bool withRules, CancellationToken ct)
    {
        Items = await db.Mediators.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        Rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        if (!withRules) return;
        var s = await MediationSettingsStore.GetAsync(db, ct);
        Rules = new SettingsForm { ChangeLimitHours = s.ChangeLimitHours, ReminderWebhookUrl = s.ReminderWebhookUrl };
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(true, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var v = new Validation().Required("name", Input.Name, "姓名", 50).Optional("phone", Input.Phone, "电话", 20);
        if (!MediatorTypes.All.Contains(Input.Type)) v.Add("type", $"调解员类型须为:{string.Join("、", MediatorTypes.All)}");
        if (Input.Specialties.Any(s => !Categories.Contains(s))) v.Add("specialties", "请从列表中选择擅长领域");
        var rooms = await db.Rooms.AsNoTracking().Select(r => r.Id).ToListAsync(ct);
        if (Input.RoomIds.Any(id => !rooms.Contains(id))) v.Add("roomIds", "请从列表中选择调解室");
        ModelState.AddFieldErrors(v.Errors);
        if (!ModelState.IsValid)
        {
            await LoadAsync(true, ct);
            return Page();
        }
        db.Mediators.Add(new Mediator
        {
            Name = Input.Name!.Trim(), Type = Input.Type, Specialties = [.. Input.Specialties.Distinct()], RoomIds = [.. Input.RoomIds.Distinct()],
            Phone = string.IsNullOrWhiteSpace(Input.Phone) ? null : Input.Phone.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"已新增调解员“{Input.Name!.Trim()}”";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRulesAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var request = new SettingsRequest(Rules.ChangeLimitHours, Rules.ReminderWebhookUrl);
        ModelState.AddFieldErrors(MediationSettingsStore.Validate(request).Errors, "Rules");
        if (!ModelState.IsValid)
        {
            await LoadAsync(false, ct);
            return Page();
        }
        await MediationSettingsStore.SaveAsync(db, request, ct);
        TempData["Message"] = "已保存预约规则";
        return RedirectToPage();
    }
}
