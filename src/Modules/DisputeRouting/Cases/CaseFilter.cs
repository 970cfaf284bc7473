namespace Zhizhi.Orchard.DisputeRouting.Cases;

/// <summary>The ledger's filters, shared by the API list, the staff pages and the export.</summary>
public static partial class CaseFilter
{
    /// <summary>
    /// The open statuses as constants in the SQL: <c>CaseStatus.Open.Contains(c.Status)</c> becomes a parameter
    /// collection (json_each on SQLite) that the planner cannot use with the (Status, DeadlineAt) index.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<DisputeCase, bool>> IsOpen =
        c => c.Status == CaseStatus.Reported || c.Status == CaseStatus.Accepted || c.Status == CaseStatus.Escalated;

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z0-9]{1,8}-\d{4}-\d{1,9}$")]
    private static partial System.Text.RegularExpressions.Regex CaseNumber();

    public static IQueryable<DisputeCase> Apply(IQueryable<DisputeCase> query, Township township, DateTime utcNow,
        string? status, string? level, bool? overdue, string? village, string? category, DateOnly? from, DateOnly? to, string? q, string? grade = null)
    {
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (status == "open") query = query.Where(IsOpen);
            else query = query.Where(c => c.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(level)) query = query.Where(c => c.Level == level);
        if (!string.IsNullOrWhiteSpace(grade)) query = query.Where(c => c.Grade == grade);
        if (overdue == true)
            query = query.Where(IsOpen).Where(c => c.PausedAt == null && c.DeadlineAt != null && c.DeadlineAt < utcNow);
        if (!string.IsNullOrWhiteSpace(village)) query = query.Where(c => c.Village == village);
        if (!string.IsNullOrWhiteSpace(category)) query = query.Where(c => c.Category == category);
        var zone = TownshipTime.Zone(township);
        if (from is { } f)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(f.ToDateTime(TimeOnly.MinValue), zone);
            query = query.Where(c => c.ReportedAt >= start);
        }
        if (to is { } t)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
            query = query.Where(c => c.ReportedAt < end);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            // A case number (FQ-2026-000123) is looked up on its index; anything else is also searched in the titles.
            query = CaseNumber().IsMatch(term) ? query.Where(c => c.CaseNo == term) : query.Where(c => c.CaseNo == term || c.Title.Contains(term));
        }
        return query;
    }
}
