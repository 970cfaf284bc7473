using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Townships.Calendar;

public sealed record CalendarYearDto(int Year, IReadOnlyList<CalendarDayDto> Days);

public sealed record WorkingDayDto(string Date, bool Working, string? Name);

public sealed record ImportResultDto(int Added);

internal static class CalendarEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/portal/calendar").WithTags("工作日历");
        group.MapGet("", ListAsync).AllowAnonymous().WithSummary("一年中放假与调休上班的日子");
        group.MapGet("/{date}", DayAsync).AllowAnonymous().WithSummary("某天是否上班");
        var admin = group.MapGroup("").RequirePermission(TownshipsPermissions.ManageCalendar);
        admin.MapPost("", AddAsync).WithSummary("新增放假或调休上班的日子");
        admin.MapDelete("/{date}", RemoveAsync).WithSummary("删除一天");
        admin.MapPost("/national", ImportAsync).WithSummary("导入国家法定节假日安排");
    }

    private static async Task<Results<Ok<CalendarYearDto>, ValidationProblem>> ListAsync(int? year, EditCalendar edit, TimeProvider clock, Township township, CancellationToken ct)
    {
        var y = year ?? TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, TownshipTime.Zone(township)).Year;
        if (y is < 2000 or > 2100) return Problems.Invalid("year", "年份须在 2000 到 2100 之间");
        var days = await edit.ListAsync(y, ct);
        return TypedResults.Ok(new CalendarYearDto(y, [.. days.Select(CalendarDayDto.From)]));
    }

    private static async Task<Results<Ok<WorkingDayDto>, ValidationProblem>> DayAsync(string date, IWorkingCalendar calendar, EditCalendar edit, CancellationToken ct)
    {
        if (EditCalendar.ParseDate(date) is not { } d) return Problems.Invalid("date", "日期须写成“2026-10-01”的形式");
        var listed = (await edit.ListAsync(d.Year, ct)).FirstOrDefault(x => x.Date == d);
        return TypedResults.Ok(new WorkingDayDto(date, await calendar.IsWorkingDayAsync(d, ct), listed?.Name));
    }

    private static async Task<Results<Created<CalendarDayDto>, ProblemHttpResult, ValidationProblem>> AddAsync(CalendarDayRequest request, EditCalendar edit, CancellationToken ct)
    {
        var v = EditCalendar.Validate(request);
        if (!v.IsValid) return v.Problem();
        var day = await edit.AddAsync(request, ct);
        return day is null
            ? Problems.Conflict($"{request.Date!.Trim()} 已在日历中,请先删除再修改")
            : TypedResults.Created($"/api/portal/calendar/{request.Date!.Trim()}", CalendarDayDto.From(day));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> RemoveAsync(string date, EditCalendar edit, CancellationToken ct)
    {
        if (EditCalendar.ParseDate(date) is not { } d) return Problems.Invalid("date", "日期须写成“2026-10-01”的形式");
        return await edit.RemoveAsync(d, ct) ? TypedResults.NoContent() : Problems.NotFound($"{date} 不在日历中");
    }

    private static async Task<Ok<ImportResultDto>> ImportAsync(EditCalendar edit, CancellationToken ct)
        => TypedResults.Ok(new ImportResultDto(await edit.ImportNationalAsync(ct)));
}
