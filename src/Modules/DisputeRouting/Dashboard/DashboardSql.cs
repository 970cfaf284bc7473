using Microsoft.EntityFrameworkCore;

namespace Zhizhi.Orchard.DisputeRouting.Dashboard;

/// <summary>
/// Date arithmetic the providers do not translate from .NET (a difference of two timestamps in days), mapped to
/// each database's own function so that averages are computed by the database: SQLite's <c>julianday</c> and
/// PostgreSQL's <c>date_part('epoch', …)</c>.
/// </summary>
public static class DashboardSql
{
    /// <summary>SQLite <c>julianday(value)</c>: days since the Julian epoch, with the fraction of the day.</summary>
    public static double? JulianDay(DateTime? value) => throw new InvalidOperationException("只能在数据库查询中使用");

    /// <summary>PostgreSQL <c>date_part(field, value)</c>; with "epoch", seconds since 1970-01-01 UTC.</summary>
    public static double? DatePart(string field, DateTime? value) => throw new InvalidOperationException("只能在数据库查询中使用");

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(DashboardSql).GetMethod(nameof(JulianDay))!).HasName("julianday").IsBuiltIn();
        modelBuilder.HasDbFunction(typeof(DashboardSql).GetMethod(nameof(DatePart))!).HasName("date_part").IsBuiltIn();
    }
}
