using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Pages.Admin;

[Authorize(Policy = VolunteerPermissions.ManageName)]
public sealed class VolunteersModel(PointsDbContext db, CreateActivity create, CheckIn checkIn, ITownshipAccessor townships) : PageModel
{
    public Township Township => townships.Current;
    public IReadOnlyList<Activity> Items { get; private set; } = [];
    public IReadOnlyList<Volunteers.Team> Teams { get; private set; } = [];

    [BindProperty] public ActivityInput Input { get; set; } = new();
    [BindProperty] public CheckinInput Checkin { get; set; } = new();

    public sealed class ActivityInput
    {
        public string? Title { get; set; }
        public string? Location { get; set; }
        public DateTime? Start { get; set; }
        public DateTime? End { get; set; }
        public int? Points { get; set; } = 10;
        public int? Capacity { get; set; } = 20;
        public string? Type { get; set; } = ActivityTypes.Patrol;
        public int? TeamId { get; set; }
    }

    public sealed class CheckinInput
    {
        public int ActivityId { get; set; }
        public string? UserName { get; set; }
    }

    public DateTime Local(DateTime utc) => TownshipTime.ToLocal(Township, utc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await db.Activities.AsNoTracking().OrderByDescending(a => a.StartAt).ThenByDescending(a => a.Id).Take(200).ToListAsync(ct);
        Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var request = new ActivityRequest(Input.Title, Offset(Input.Start), Offset(Input.End), Input.Location, Input.Points, Input.Capacity, Input.Type, Input.TeamId);
        var v = await create.ValidateAsync(request, ct);
        ModelState.Clear();
        ModelState.AddFieldErrors(v.Errors);
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        await create.ExecuteAsync(request, User.Identity?.Name, ct);
        TempData["Message"] = $"已发布活动“{request.Title!.Trim()}”";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCheckInAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var v = Activities.CheckIn.Validate(new CheckinRequest(Checkin.UserName));
        ModelState.AddFieldErrors(v.Errors, "Checkin");
        if (ModelState.IsValid)
        {
            var (outcome, result) = await checkIn.ExecuteAsync(Checkin.ActivityId, Checkin.UserName!, User.Identity?.Name, ct);
            switch (outcome)
            {
                case CheckIn.Outcome.Done:
                    TempData["Message"] = $"{result!.UserName} 签到成功,获得 {result.Points} 积分{(result.CappedByDailyLimit ? "(已达每日积分上限)" : "")}";
                    return RedirectToPage();
                case CheckIn.Outcome.UnknownUser: ModelState.AddModelError("Checkin.UserName", "本乡镇没有这个用户"); break;
                case CheckIn.Outcome.AlreadyCheckedIn: ModelState.AddModelError("Checkin.UserName", "该用户已签到过这个活动,积分不会重复发放"); break;
                default: ModelState.AddModelError("Checkin.ActivityId", "没有这个志愿活动"); break;
            }
        }
        await OnGetAsync(ct);
        return Page();
    }

    /// <summary>Form times are the township's local time.</summary>
    private DateTimeOffset? Offset(DateTime? local)
        => local is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), TownshipTime.Zone(Township).GetUtcOffset(l)) : null;
}
