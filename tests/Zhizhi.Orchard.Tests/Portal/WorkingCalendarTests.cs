using System.Collections.Frozen;
using System.Net;
using Zhizhi.Orchard.Tests.Infrastructure;
using Zhizhi.Orchard.Tests.Mediation;
using Zhizhi.Orchard.Townships.Calendar;

namespace Zhizhi.Orchard.Tests.Portal;

/// <summary>Working-day arithmetic on the national 2026 schedule (no host needed).</summary>
public sealed class WorkingDayArithmeticTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly FrozenDictionary<DateOnly, bool> National =
        NationalHolidays.All.ToFrozenDictionary(d => d.Date, d => d.Kind == CalendarKinds.Workday);

    private static async Task<DateTime> AddAsync(DateTime localStart, int days)
    {
        var utc = TimeZoneInfo.ConvertTimeToUtc(localStart, Shanghai);
        var due = await WorkingDays.AddAsync(Shanghai, utc, days, (d, _) => ValueTask.FromResult(TownshipWorkingCalendar.IsWorkingDay(National, d)), TestContext.Current.CancellationToken);
        return TimeZoneInfo.ConvertTimeFromUtc(due, Shanghai);
    }

    [Fact]
    public void WeekendsAreOffHolidaysAreOffAndMakeUpSaturdaysAreWorked()
    {
        Assert.True(TownshipWorkingCalendar.IsWorkingDay(National, new DateOnly(2026, 11, 27)));   // Friday
        Assert.False(TownshipWorkingCalendar.IsWorkingDay(National, new DateOnly(2026, 11, 28)));  // Saturday
        Assert.False(TownshipWorkingCalendar.IsWorkingDay(National, new DateOnly(2026, 10, 1)));   // 国庆节, Thursday
        Assert.False(TownshipWorkingCalendar.IsWorkingDay(National, new DateOnly(2026, 2, 23)));   // 春节, Monday
        Assert.True(TownshipWorkingCalendar.IsWorkingDay(National, new DateOnly(2026, 10, 10)));   // 调休上班, Saturday
        Assert.True(TownshipWorkingCalendar.IsWorkingDay(National, new DateOnly(2026, 9, 20)));    // 调休上班, Sunday
        Assert.Equal(33, NationalHolidays.All.Count(d => d.Kind == CalendarKinds.Holiday));
        Assert.Equal(6, NationalHolidays.All.Count(d => d.Kind == CalendarKinds.Workday));
    }

    [Fact]
    public async Task AddingWorkingDaysSkipsWeekendsAndHolidaysAndCountsMakeUpDays()
    {
        // Friday + 1 → Monday, same time of day.
        Assert.Equal(new DateTime(2026, 11, 30, 15, 30, 0), await AddAsync(new DateTime(2026, 11, 27, 15, 30, 0), 1));
        // Wednesday before National Day + 1 → Thursday 8 October (1-7 October off).
        Assert.Equal(new DateTime(2026, 10, 8, 9, 0, 0), await AddAsync(new DateTime(2026, 9, 30, 9, 0, 0), 1));
        // Friday 9 October + 1 → the make-up Saturday 10 October.
        Assert.Equal(new DateTime(2026, 10, 10, 9, 0, 0), await AddAsync(new DateTime(2026, 10, 9, 9, 0, 0), 1));
        // P7D from Friday 25 September (中秋节 25-27, 国庆节 1-7): 28, 29, 30 Sep, 8, 9, 10, 12 Oct.
        Assert.Equal(new DateTime(2026, 10, 12, 9, 0, 0), await AddAsync(new DateTime(2026, 9, 25, 9, 0, 0), 7));
        // Across the Spring Festival: Friday 13 Feb + 1 → make-up Saturday 14 Feb; + 2 → Tuesday 24 Feb.
        Assert.Equal(new DateTime(2026, 2, 14, 10, 0, 0), await AddAsync(new DateTime(2026, 2, 13, 10, 0, 0), 1));
        Assert.Equal(new DateTime(2026, 2, 24, 10, 0, 0), await AddAsync(new DateTime(2026, 2, 13, 10, 0, 0), 2));
    }
}

/// <summary>The township's working calendar: API, admin page and its effect on IWorkingCalendar.</summary>
public abstract class WorkingCalendarTests(ZhizhiHost fixture)
{
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private static async Task<bool> WorkingAsync(HttpClient client, string date)
        => (await client.GetJsonAsync($"api/portal/calendar/{date}")).GetProperty("working").GetBoolean();

    [Fact]
    public async Task ANewTownshipStartsWithTheNational2026Schedule()
    {
        var township = await Host.CreateTownshipAsync();
        using var anonymous = township.Anonymous();

        var year = await anonymous.GetJsonAsync("api/portal/calendar?year=2026");

        var days = year.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!, d => d.GetProperty("kind").GetString());
        Assert.Equal(39, days.Count);
        Assert.Equal("holiday", days["2026-10-01"]);
        Assert.Equal("workday", days["2026-10-10"]);
        Assert.Equal("调休上班", year.GetProperty("days").EnumerateArray().First(d => d.GetProperty("date").GetString() == "2026-02-14").GetProperty("kindText").GetString());
        Assert.False(await WorkingAsync(anonymous, "2026-10-01"));
        Assert.True(await WorkingAsync(anonymous, "2026-10-10"));
        Assert.False(await WorkingAsync(anonymous, "2026-11-28"));
        Assert.True(await WorkingAsync(anonymous, "2026-11-27"));
        Assert.Equal(0, (await anonymous.GetJsonAsync("api/portal/calendar?year=2025")).GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task AnAdminAddsAndRemovesALocalHolidayAndTheCalendarFollowsAtOnce()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        Assert.True(await WorkingAsync(admin, "2026-12-15"));

        using (var add = await admin.PostJsonAsync("api/portal/calendar", new { date = "2026-12-15", kind = "放假", name = "三月三(本地)" }))
        {
            await add.ShouldBeAsync(HttpStatusCode.Created);
            Assert.Equal("holiday", (await add.JsonAsync()).GetProperty("kind").GetString());
        }
        Assert.False(await WorkingAsync(admin, "2026-12-15"));
        using (var again = await admin.PostJsonAsync("api/portal/calendar", new { date = "2026-12-15", kind = "workday", name = "重复" }))
            await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var weekend = await admin.PostJsonAsync("api/portal/calendar", new { date = "2026-12-19", kind = "workday", name = "补班" }))
            await weekend.ShouldBeAsync(HttpStatusCode.Created);
        Assert.True(await WorkingAsync(admin, "2026-12-19"));

        using (var remove = await admin.DeleteAsync("api/portal/calendar/2026-12-15", CT)) await remove.ShouldBeAsync(HttpStatusCode.NoContent);
        Assert.True(await WorkingAsync(admin, "2026-12-15"));
        using (var missing = await admin.DeleteAsync("api/portal/calendar/2026-12-15", CT)) await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadDaysAre400InChineseAndResidentsCannotEdit()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        using (var bad = await admin.PostJsonAsync("api/portal/calendar", new { date = "12月15日", kind = "休息", name = "" }))
        {
            var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.FieldErrors("date");
            problem.FieldErrors("kind");
            problem.FieldErrors("name");
        }
        using (var longName = await admin.PostJsonAsync("api/portal/calendar", new { date = "2026-12-15", kind = "holiday", name = new string('节', 51) }))
            (await longName.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("name");
        Assert.True(await WorkingAsync(admin, "2026-12-15"));

        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        using (var forbidden = await client.PostJsonAsync("api/portal/calendar", new { date = "2026-12-15", kind = "holiday", name = "x" }))
            await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
        using (var forbidden = await client.DeleteAsync("api/portal/calendar/2026-10-01", CT)) await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.False(await WorkingAsync(client, "2026-10-01"));
    }

    [Fact]
    public async Task TheAdminPageListsAddsWithFieldErrorsRemovesAndImports()
    {
        var township = await Host.CreateTownshipAsync();
        using var admin = await township.AsAdminAsync();
        var page = await admin.GetStringAsync("admin/calendar?year=2026", CT);
        Assert.Contains("国庆节调休上班", page);
        Assert.Contains("导入国家法定节假日安排", page);

        using (var bad = await admin.PostFormAsync("admin/calendar", "?year=2026", new() { ["Input.Date"] = "", ["Input.Kind"] = "holiday", ["Input.Name"] = "" }))
        {
            await bad.ShouldBeAsync(HttpStatusCode.OK);
            var html = await bad.Content.ReadAsStringAsync(CT);
            Assert.Contains("请填写日期", html);
            Assert.Contains("名称不能为空", html);
        }
        using (var ok = await admin.PostFormAsync("admin/calendar", "?year=2026", new() { ["Input.Date"] = "2026-12-15", ["Input.Kind"] = "holiday", ["Input.Name"] = "本地节日" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.False(await WorkingAsync(admin, "2026-12-15"));

        using (var remove = await admin.PostFormAsync("admin/calendar", "?year=2026&handler=Remove&date=2026-10-01", []))
            Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.True(await WorkingAsync(admin, "2026-10-01"));
        using (var import = await admin.PostFormAsync("admin/calendar", "?year=2026&handler=Import", []))
            Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);
        Assert.False(await WorkingAsync(admin, "2026-10-01"));
        using (var import = await admin.PostJsonAsync("api/portal/calendar/national", null))
            Assert.Equal(0, (await import.JsonAsync()).GetProperty("added").GetInt32());

        var resident = await township.RegisterResidentAsync();
        using var client = township.As(resident.Token);
        using var forbidden = await client.GetAsync("admin/calendar", CT);
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
    }
}

public sealed class WorkingCalendarTests_Sqlite(SqliteHost host) : WorkingCalendarTests(host);

public sealed class WorkingCalendarTests_Postgres(PostgresHost host) : WorkingCalendarTests(host);
