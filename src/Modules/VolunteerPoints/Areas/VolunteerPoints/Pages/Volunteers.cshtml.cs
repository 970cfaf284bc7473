using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(VolunteerPointsStartup.CheckinCodeRateLimit)]
public sealed class VolunteersModel(PointsDbContext db, SignUp signUp, CheckIn checkIn, Rules.RulesStore rules, IAuthorizationService authorization, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public Township Township => townships.Current;
    public IReadOnlyList<Activity> Items { get; private set; } = [];
    public IReadOnlySet<int> Mine { get; private set; } = new HashSet<int>();
    public IReadOnlySet<int> CheckedIn { get; private set; } = new HashSet<int>();
    public Dictionary<int, string> CodeErrors { get; } = [];
    public bool CanSignUp { get; private set; }
    public bool PerHour { get; private set; }
    [TempData] public string? Message { get; set; }

    public DateTime Local(DateTime utc) => TownshipTime.ToLocal(Township, utc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Items = await db.Activities.AsNoTracking().Where(a => a.EndAt >= now).OrderBy(a => a.StartAt).ThenBy(a => a.Id).Take(100).ToListAsync(ct);
        CanSignUp = await CanSignUpAsync();
        PerHour = (await rules.GetAsync(ct)).PointsMode == Rules.PointsModes.PerHour;
        if (CanSignUp)
        {
            var userName = User.FindFirstValue(ClaimTypes.Name);
            Mine = (await db.Signups.AsNoTracking().Where(s => s.UserName == userName).Select(s => s.ActivityId).ToListAsync(ct)).ToHashSet();
            CheckedIn = (await db.Checkins.AsNoTracking().Where(c => c.UserName == userName).Select(c => c.ActivityId).ToListAsync(ct)).ToHashSet();
        }
    }

    /// <summary>The volunteer enters the code the organiser shows on site; a wrong code is told beside the field.</summary>
    public async Task<IActionResult> OnPostCheckInAsync(int id, string? code, CancellationToken ct)
    {
        if (!await CanSignUpAsync()) return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        var v = Activities.CheckIn.Validate(new CodeCheckinRequest(code));
        string? error = null;
        if (!v.IsValid) error = v.Errors["code"][0];
        else
        {
            var (outcome, result) = await checkIn.WithCodeAsync(id, code!, User.FindFirstValue(ClaimTypes.Name)!, ct);
            switch (outcome)
            {
                case Activities.CheckIn.Outcome.Done:
                    Message = result!.Points > 0 ? $"签到成功,获得 {result.Points} 积分" : "签到成功,签退后按服务时长计分";
                    return RedirectToPage();
                case Activities.CheckIn.Outcome.WrongCode: error = "签到码不对,请核对组织者出示的 6 位数字"; break;
                case Activities.CheckIn.Outcome.OutsideWindow: error = "不在签到时间内:活动开始前 1 小时至结束后 1 小时可以签到"; break;
                case Activities.CheckIn.Outcome.AlreadyCheckedIn: error = "您已签到过这个活动"; break;
                default: error = "没有这个志愿活动"; break;
            }
        }
        await OnGetAsync(ct);
        CodeErrors[id] = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostSignUpAsync(int id, CancellationToken ct)
    {
        if (!await CanSignUpAsync()) return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        Message = await signUp.ExecuteAsync(id, User.FindFirstValue(ClaimTypes.Name)!, ct) switch
        {
            SignUp.Outcome.Done => "报名成功,请准时参加",
            SignUp.Outcome.Full => "该活动报名人数已满",
            SignUp.Outcome.AlreadySignedUp => "您已报名该活动",
            _ => "没有这个志愿活动",
        };
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct)
    {
        if (!await CanSignUpAsync()) return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        Message = await signUp.WithdrawAsync(id, User.FindFirstValue(ClaimTypes.Name)!, ct) switch
        {
            SignUp.WithdrawOutcome.Done => "已取消报名",
            SignUp.WithdrawOutcome.AlreadyCheckedIn => "您已签到,不能再取消报名",
            _ => "您没有报名这个活动",
        };
        return RedirectToPage();
    }

    private async Task<bool> CanSignUpAsync()
        => User.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(User, VolunteerPermissions.SignUpName)).Succeeded;
}
