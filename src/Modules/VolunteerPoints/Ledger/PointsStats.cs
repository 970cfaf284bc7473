using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

public sealed record VolunteerFigures(int Count, double Hours, int Activities);

public sealed record PointsFigures(long Issued, long Redeemed, long Expired = 0);

/// <summary>The "volunteers" and "points" parts of the township statistics.</summary>
public sealed record StatsDto(VolunteerFigures Volunteers, PointsFigures Points);

public sealed class PointsStats(PointsDbContext db)
{
    /// <remarks>Redeemed is net of cancellations: points returned by a cancelled redemption were never spent.</remarks>
    public async Task<StatsDto> ComputeAsync(CancellationToken ct)
    {
        var volunteers = await db.Checkins.Select(c => c.UserName).Distinct().CountAsync(ct);
        var hours = await db.Checkins.SumAsync(c => (double?)c.Hours, ct) ?? 0;
        var activities = await db.Activities.CountAsync(ct);
        var bySource = await db.Ledger.GroupBy(e => e.Source).Select(g => new { Source = g.Key, Sum = g.Sum(e => (long)e.Delta) }).ToListAsync(ct);
        long Sum(string source) => bySource.Where(s => s.Source == source).Sum(s => s.Sum);
        var issued = Sum(LedgerSources.Activity) + Sum(LedgerSources.Grant) + Sum(LedgerSources.Award);
        var redeemed = -(Sum(LedgerSources.Redemption) + Sum(LedgerSources.Cancellation));
        var expired = -Sum(LedgerSources.Expiry);
        return new StatsDto(new VolunteerFigures(volunteers, Math.Round(hours, 2), activities), new PointsFigures(issued, redeemed, expired));
    }
}
