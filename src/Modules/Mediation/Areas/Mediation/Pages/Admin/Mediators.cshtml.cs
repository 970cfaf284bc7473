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
public sealed class MediatorsModel(MediationDbContext db, TimeProvider clock, Townships.Contracts.ITownshipDirectory directory) : PageModel
{
    public IReadOnlyList<Mediator> Items { get; private set; } = [];
    public IReadOnlyList<Room> Rooms { get; private set; } = [];
    public IReadOnlyList<string> Categories => Zhizhi.Orchard.Mediation.Rooms.Categories.All;
    public IReadOnlyList<string> Types => MediatorTypes.All;
    public IReadOnlyList<string> Villages { get; private set; } = [];

    [BindProperty] public MediatorForm Input { get; set; } = new();
    [BindProperty] public SettingsForm Rules { get; set; } = new();

    public sealed class MediatorForm
    {
        /// <summary>0 for a new mediator, else the one being edited.</summary>
        public int Id { get; set; }
        public bool Active { get; set; } = true;
        public string? Village { get; set; }
        public string? VillageGroup { get; set; }
        /// <summary>申报回避: one kin or household name per line.</summary>
        public string? Conflicts { get; set; }
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
        Villages = [.. (await directory.VillagesAsync(ct)).Select(v => v.Name)];
        if (!withRules) return;
        var s = await MediationSettingsStore.GetAsync(db, ct);
        Rules = new SettingsForm { ChangeLimitHours = s.ChangeLimitHours, ReminderWebhookUrl = s.ReminderWebhookUrl };
    }

    public async Task<IActionResult> OnGetAsync(int? edit, CancellationToken ct)
    {
        await LoadAsync(true, ct);
        if (edit is null) return Page();
        if (Items.FirstOrDefault(m => m.Id == edit) is not { } m) return NotFound();
        Input = new MediatorForm
        {
            Id = m.Id, Name = m.Name, Type = m.Type, Specialties = [.. m.Specialties], RoomIds = [.. m.RoomIds], Phone = m.Phone, Active = m.Active,
            Village = m.Village, VillageGroup = m.VillageGroup, Conflicts = string.Join("\n", m.Conflicts),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var v = new Validation().Required("name", Input.Name, "姓名", 50).Optional("phone", Input.Phone, "电话", 20);
        if (!MediatorTypes.All.Contains(Input.Type)) v.Add("type", $"调解员类型须为:{string.Join("、", MediatorTypes.All)}");
        if (Input.Specialties.Any(s => !Categories.Contains(s))) v.Add("specialties", "请从列表中选择擅长领域");
        var rooms = await db.Rooms.AsNoTracking().Select(r => r.Id).ToListAsync(ct);
        if (Input.RoomIds.Any(id => !rooms.Contains(id))) v.Add("roomIds", "请从列表中选择调解室");
        MediatorScreening.Validate(v, Input.VillageGroup, MediatorScreening.Split(Input.Conflicts), "conflicts");
        if (!string.IsNullOrWhiteSpace(Input.Village) && !await MediatorScreening.KnownVillageAsync(directory, Input.Village, ct))
            v.Add("village", "请从列表中选择村(社区)");
        var existing = Input.Id == 0 ? null : await db.Mediators.FirstOrDefaultAsync(m => m.Id == Input.Id, ct);
        if (Input.Id != 0 && existing is null) v.Add("name", "这位调解员已不存在");
        ModelState.AddFieldErrors(v.Errors);
        if (!ModelState.IsValid)
        {
            await LoadAsync(true, ct);
            return Page();
        }
        var m = existing ?? db.Mediators.Add(new Mediator { Name = "", Type = "", CreatedAt = clock.GetUtcNow().UtcDateTime }).Entity;
        m.Name = Input.Name!.Trim();
        m.Type = Input.Type;
        m.Specialties = [.. Input.Specialties.Distinct()];
        m.RoomIds = [.. Input.RoomIds.Distinct()];
        m.Phone = string.IsNullOrWhiteSpace(Input.Phone) ? null : Input.Phone.Trim();
        m.Active = existing is null || Input.Active;
        m.Village = MediatorScreening.Clean(Input.Village);
        m.VillageGroup = MediatorScreening.Clean(Input.VillageGroup);
        m.Conflicts = MediatorScreening.CleanList(MediatorScreening.Split(Input.Conflicts));
        await db.SaveChangesAsync(ct);
        TempData["Message"] = existing is null ? $"已新增调解员“{m.Name}”" : $"已保存调解员“{m.Name}”";
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
