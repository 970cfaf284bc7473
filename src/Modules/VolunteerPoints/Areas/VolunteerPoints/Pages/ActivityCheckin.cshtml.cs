using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Pages;

/// <summary>
/// Where the organiser's QR code leads: the code arrives in the query and pre-fills the form, and only the
/// volunteer's POST (with antiforgery) checks in; opening the link changes nothing. Signed out → login, back here.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(VolunteerPointsStartup.CheckinCodeRateLimit)]
public sealed class ActivityCheckinModel(PointsDbContext db, CheckIn checkIn, IAuthorizationService authorization, ITownshipAccessor townships) : PageModel
{
    public Activity Activity { get; private set; } = null!;
    public string? Code { get; private set; }
    public string? CodeError { get; private set; }
    public bool AlreadyCheckedIn { get; private set; }

    public DateTime Local(DateTime utc) => TownshipTime.ToLocal(townships.Current, utc);

    public async Task<IActionResult> OnGetAsync(int id, string? code, CancellationToken ct)
    {
        if (await DeniedAsync() is { } denied) return denied;
        if (!await LoadAsync(id, ct)) return NotFound();
        Code = code?.Trim();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? code, CancellationToken ct)
    {
        if (await DeniedAsync() is { } denied) return denied;
        var v = CheckIn.Validate(new CodeCheckinRequest(code));
        string error;
        if (!v.IsValid) error = v.Errors["code"][0];
        else
        {
            var (outcome, result) = await checkIn.WithCodeAsync(id, code!, User.FindFirstValue(ClaimTypes.Name)!, ct);
            switch (outcome)
            {
                case CheckIn.Outcome.Done:
                    TempData["Message"] = result!.Points > 0 ? $"签到成功,获得 {result.Points} 积分" : "签到成功,签退后按服务时长计分";
                    return RedirectToPage("/Volunteers");
                case CheckIn.Outcome.ActivityNotFound: return NotFound();
                case CheckIn.Outcome.WrongCode: error = "签到码不对,请核对组织者出示的 6 位数字"; break;
                case CheckIn.Outcome.OutsideWindow: error = "不在签到时间内:活动开始前 1 小时至结束后 1 小时可以签到"; break;
                default: error = "您已签到过这个活动"; break;
            }
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        Code = code?.Trim();
        CodeError = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null) return false;
        Activity = activity;
        var userName = User.FindFirstValue(ClaimTypes.Name);
        AlreadyCheckedIn = await db.Checkins.AnyAsync(c => c.ActivityId == id && c.UserName == userName, ct);
        return true;
    }

    private async Task<IActionResult?> DeniedAsync()
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        return (await authorization.AuthorizeAsync(User, VolunteerPermissions.SignUpName)).Succeeded ? null : Forbid();
    }
}
