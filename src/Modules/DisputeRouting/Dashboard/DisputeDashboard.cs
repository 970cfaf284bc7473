using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Dashboard;

public sealed record NamedCount(string Name, int Count);

public sealed record MonthCount(string Month, int Count);

public sealed record SettledAt(int Village, int Township, int County, double VillageRate, double TownshipRate, double CountyRate);

public sealed record ScoreCount(int Score, int Count);

public sealed record SatisfactionFigures(double? Average, int Count, IReadOnlyList<ScoreCount> Distribution);

/// <summary>The dashboard's figures for cases reported in [From, To] (township dates), optionally in one village.</summary>
public sealed record DashboardDto(
    string From, string To, string? Village,
    int Total, int Resolved, double ResolutionRate, int Closed, double? AverageDaysToClose, int Overdue,
    IReadOnlyList<MonthCount> Months, IReadOnlyList<NamedCount> Categories, IReadOnlyList<NamedCount> Villages,
    SettledAt SettledAt, SatisfactionFigures Satisfaction);

/// <summary>The dashboard's period and village, checked: dates are yyyy-MM-dd, the period at most 36 months.</summary>
public sealed record DashboardFilter(DateOnly From, DateOnly To, string? Village)
{
    public const int MaxMonths = 36;
    public const string NoVillage = "未指定村(社区)";

    /// <summary>Reads the query values; the default period is the last 12 months (this month and the 11 before).</summary>
    public static async Task<(DashboardFilter? Filter, Dictionary<string, string[]> Errors)> ParseAsync(
        string? from, string? to, string? village, Township township, DateTime utcNow, ITownshipDirectory directory, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(TownshipTime.ToLocal(township, utcNow));
        DateOnly? f = null, t = null;
        if (string.IsNullOrWhiteSpace(to)) t = today;
        else if (DateOnly.TryParseExact(to.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) t = parsed;
        else errors["to"] = ["截止日期格式应为 年-月-日(如 2026-03-31)"];
        if (string.IsNullOrWhiteSpace(from)) f = t is { } end ? new DateOnly(end.Year, end.Month, 1).AddMonths(-11) : null;
        else if (DateOnly.TryParseExact(from.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) f = parsed;
        else errors["from"] = ["起始日期格式应为 年-月-日(如 2026-01-01)"];
        if (f is { } a && t is { } b)
        {
            if (a > b) errors["from"] = ["起始日期不能晚于截止日期"];
            else if ((b.Year - a.Year) * 12 + b.Month - a.Month + 1 > MaxMonths) errors["from"] = [$"统计区间不能超过 {MaxMonths} 个月"];
        }
        var v = string.IsNullOrWhiteSpace(village) ? null : village.Trim();
        if (v is not null && !(await directory.VillagesAsync(ct)).Any(x => x.Name == v)) errors["village"] = ["没有这个村(社区)"];
        return errors.Count > 0 ? (null, errors) : (new DashboardFilter(f!.Value, t!.Value, v), errors);
    }
}

/// <summary>
/// Computes the dashboard with grouped and aggregate queries in the database (counts per month, category, village,
/// resolution level and score; the average time to close), never by loading the cases.
/// </summary>
public sealed class DisputeDashboard(DisputesDbContext db, Township township, TimeProvider clock)
{
    public async Task<DashboardDto> ComputeAsync(DashboardFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cases = CaseFilter.Apply(db.Cases.AsNoTracking(), township, now, null, null, null, filter.Village, null, filter.From, filter.To, null);

        // One pass over the period's cases for every plain count (conditional aggregates), instead of one query each.
        var sums = await cases.GroupBy(c => 1).Select(g => new
        {
            Total = g.Count(),
            InVillage = g.Count(c => c.ResolvedAt != null && (c.ResolvedLevel == CaseLevels.Grid || c.ResolvedLevel == CaseLevels.Village)),
            InTownship = g.Count(c => c.ResolvedAt != null && c.ResolvedLevel == CaseLevels.Township),
            InCounty = g.Count(c => c.ResolvedAt != null && c.ResolvedLevel == CaseLevels.County),
            Resolved = g.Count(c => c.ResolvedAt != null),
            Overdue = g.Count(c => (c.Status == CaseStatus.Reported || c.Status == CaseStatus.Accepted || c.Status == CaseStatus.Escalated) && c.PausedAt == null && c.DeadlineAt != null && c.DeadlineAt < now),
            Closed = g.Count(c => c.ClosedAt != null),
            S1 = g.Count(c => c.Satisfaction == 1),
            S2 = g.Count(c => c.Satisfaction == 2),
            S3 = g.Count(c => c.Satisfaction == 3),
            S4 = g.Count(c => c.Satisfaction == 4),
            S5 = g.Count(c => c.Satisfaction == 5),
        }).FirstOrDefaultAsync(ct);
        var total = sums?.Total ?? 0;
        var resolved = sums?.Resolved ?? 0;
        var overdue = sums?.Overdue ?? 0;
        var closed = sums?.Closed ?? 0;
        int[] scores = [sums?.S1 ?? 0, sums?.S2 ?? 0, sums?.S3 ?? 0, sums?.S4 ?? 0, sums?.S5 ?? 0];
        var rated = scores.Sum();

        var closedCases = cases.Where(c => c.ClosedAt != null);
        double? averageDays = db is DisputesPostgresDbContext
            ? await closedCases.Select(c => (DashboardSql.DatePart("epoch", c.ClosedAt) - DashboardSql.DatePart("epoch", c.ReportedAt)) / 86400.0).AverageAsync(ct)
            : await closedCases.Select(c => DashboardSql.JulianDay(c.ClosedAt) - DashboardSql.JulianDay(c.ReportedAt)).AverageAsync(ct);

        // One range count per month (township months, so a case reported at 07:00 on the 1st in Beijing is in that month).
        var months = new List<MonthCount>();
        var zone = TownshipTime.Zone(township);
        for (var m = new DateOnly(filter.From.Year, filter.From.Month, 1); m <= filter.To; m = m.AddMonths(1))
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(m.ToDateTime(TimeOnly.MinValue), zone);
            var end = TimeZoneInfo.ConvertTimeToUtc(m.AddMonths(1).ToDateTime(TimeOnly.MinValue), zone);
            months.Add(new MonthCount(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), await cases.CountAsync(c => c.ReportedAt >= start && c.ReportedAt < end, ct)));
        }

        var categories = await cases.GroupBy(c => c.Category).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var villages = await cases.GroupBy(c => c.Village).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        double Rate(int part, int of) => of == 0 ? 0 : Math.Round((double)part / of, 4);
        int inVillage = sums?.InVillage ?? 0, inTownship = sums?.InTownship ?? 0, inCounty = sums?.InCounty ?? 0;
        return new DashboardDto(
            filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), filter.Village,
            total, resolved, Rate(resolved, total), closed, averageDays is { } d ? Math.Round(d, 1) : null, overdue,
            months,
            [.. categories.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new NamedCount(c.Key, c.Count))],
            [.. villages.OrderByDescending(v => v.Count).ThenBy(v => v.Key ?? "\uffff", StringComparer.Ordinal).Select(v => new NamedCount(v.Key ?? DashboardFilter.NoVillage, v.Count))],
            new SettledAt(inVillage, inTownship, inCounty, Rate(inVillage, resolved), Rate(inTownship, resolved), Rate(inCounty, resolved)),
            new SatisfactionFigures(rated == 0 ? null : Math.Round(scores.Select((n, i) => (i + 1.0) * n).Sum() / rated, 2), rated,
                [.. scores.Select((n, i) => new ScoreCount(i + 1, n))]));
    }
}
