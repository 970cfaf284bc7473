using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Pages;

public sealed class VolunteersModel(PointsDbContext db, SignUp signUp, IAuthorizationService authorization, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public Township Township => townships.Current;
    public IReadOnlyList<Activity> Items { get; private set; } = [];
    public IReadOnlySet<int> Mine { get; private set; } = new HashSet<int>();
    public bool CanSignUp { get; private set; }
    [TempData] public string? Message { get; set; }

    public DateTime Local(DateTime utc) => TownshipTime.ToLocal(Township, utc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Items = await db.Activities.AsNoTracking().Where(a => a.EndAt >= now).OrderBy(a => a.StartAt).ThenBy(a => a.Id).Take(100).ToListAsync(ct);
        CanSignUp = await CanSignUpAsync();
        if (CanSignUp)
        {
            var userName = User.FindFirstValue(ClaimTypes.Name);
            Mine = (await db.Signups.AsNoTracking().Where(s => s.UserName == userName).Select(s => s.ActivityId).ToListAsync(ct)).ToHashSet();
        }
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
