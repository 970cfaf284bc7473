using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Townships.Calendar;

namespace Zhizhi.Orchard.Townships.Pages.Admin;

[Authorize(Policy = "Portal.ManageCalendar")]
public sealed class CalendarModel(EditCalendar edit, TimeProvider clock, Township township) : PageModel
{
    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty] public DayInput Input { get; set; } = new();

    public sealed class DayInput
    {
        public string? Date { get; set; }
        public string Kind { get; set; } = CalendarKinds.Holiday;
        public string? Name { get; set; }
    }

    public int ShownYear => Year is >= 2000 and <= 2100 ? Year.Value
        : TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, TownshipTime.Zone(township)).Year;

    public async Task OnGetAsync(CancellationToken ct) => Days = await edit.ListAsync(ShownYear, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new CalendarDayRequest(Input.Date, Input.Kind, Input.Name);
        ModelState.AddFieldErrors(EditCalendar.Validate(request).Errors);
        if (ModelState.IsValid)
        {
            if (await edit.AddAsync(request, ct) is { } day)
            {
                TempData["Message"] = $"已添加 {day.Date:yyyy-MM-dd}({CalendarKinds.Chinese(day.Kind)})";
                return RedirectToPage(new { year = day.Date.Year });
            }
            ModelState.AddModelError("Input.Date", "这一天已在日历中,请先删除再修改");
        }
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string date, CancellationToken ct)
    {
        if (EditCalendar.ParseDate(date) is { } d && await edit.RemoveAsync(d, ct)) TempData["Message"] = $"已删除 {d:yyyy-MM-dd}";
        else TempData["Message"] = "这一天不在日历中";
        return RedirectToPage(new { year = Year });
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var added = await edit.ImportNationalAsync(ct);
        TempData["Message"] = added > 0 ? $"已导入国家法定节假日安排 {added} 天" : "国家法定节假日安排已全部在日历中";
        return RedirectToPage(new { year = Year });
    }
}
