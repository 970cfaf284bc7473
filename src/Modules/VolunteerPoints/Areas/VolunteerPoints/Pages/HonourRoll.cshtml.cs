using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.VolunteerPoints.Recognition;

namespace Zhizhi.Orchard.VolunteerPoints.Pages;

public sealed class HonourRollModel(Recognition.Recognition recognition) : PageModel
{
    public HonourRollDto? Roll { get; private set; }
    public string? MonthError { get; private set; }

    public async Task OnGetAsync(string? month, CancellationToken ct)
    {
        if (!Recognition.Recognition.TryParseMonth(string.IsNullOrWhiteSpace(month) ? recognition.CurrentMonth() : month, out var first))
        {
            MonthError = "月份格式为 yyyy-MM,例如 2026-11;已显示本月";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Recognition.Recognition.TryParseMonth(recognition.CurrentMonth(), out first);
        }
        Roll = await recognition.HonourRollAsync(first, ct);
    }
}
