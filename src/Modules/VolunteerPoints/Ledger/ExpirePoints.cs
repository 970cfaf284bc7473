using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Rules;

namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

/// <summary>
/// The expiry rule "end of the following year": points earned in year Y and not spent by the end of Y+1 expire.
/// Spending uses the oldest points first, so what is left of year Y and before is what was earned then less
/// everything spent (net of cancellations) and expired so far, never more than the spendable balance.
/// Each (user, year) is expired once: its row in points_expiry_runs is written in the same transaction.
/// Also ends due public-notice holds, so Held stays small for people who do not spend.
/// </summary>
public sealed class ExpirePoints(PointsDbContext db, PointsLedger ledger, RulesStore rulesStore, Township township)
{
    private static readonly string[] Earning = [LedgerSources.Activity, LedgerSources.Grant, LedgerSources.Award];
    private static readonly string[] Spending = [LedgerSources.Redemption, LedgerSources.Cancellation, LedgerSources.Expiry];

    /// <returns>The number of points expired.</returns>
    public async Task<int> RunAsync(DateTime utcNow, CancellationToken ct)
    {
        var due = await db.Holds.Where(h => h.ReleaseAt <= utcNow).Select(h => h.UserName).Distinct().Take(1000).ToListAsync(ct);
        foreach (var user in due) await ledger.ReleaseDueAsync(user, ct);

        var rules = await rulesStore.GetAsync(ct);
        if (rules.Expiry != ExpiryRules.EndOfNextYear) return 0;
        var localYear = TownshipTime.ToLocal(township, utcNow).Year;
        var year = localYear - 2;
        var zone = TownshipTime.Zone(township);
        var localCutoff = new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var cutoff = TimeZoneInfo.ConvertTimeToUtc(localCutoff, zone);
        var total = 0;
        while (true)
        {
            var users = await db.Accounts.AsNoTracking()
                .Where(a => !db.ExpiryRuns.Any(r => r.UserName == a.UserName && r.Year == year))
                .OrderBy(a => a.UserName).Select(a => a.UserName).Take(200).ToListAsync(ct);
            if (users.Count == 0) return total;
            foreach (var user in users) total += await ExpireAsync(user, year, cutoff, utcNow, ct);
        }
    }

    private async Task<int> ExpireAsync(string userName, int year, DateTime cutoff, DateTime now, CancellationToken ct)
    {
        await ledger.ReleaseDueAsync(userName, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var run = new ExpiryRun { UserName = userName, Year = year, At = now };
        db.ExpiryRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(run).State = EntityState.Detached;
            await tx.RollbackAsync(ct);
            return 0;
        }
        // Lock the account: nothing else moves this user's points until we commit.
        await db.Accounts.Where(a => a.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance), ct);
        var earned = await db.Ledger.Where(e => e.UserName == userName && e.At < cutoff && Earning.Contains(e.Source)).SumAsync(e => (long?)e.Delta, ct) ?? 0;
        var spent = -(await db.Ledger.Where(e => e.UserName == userName && Spending.Contains(e.Source)).SumAsync(e => (long?)e.Delta, ct) ?? 0);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.UserName == userName, ct);
        var expire = (int)Math.Min(Math.Max(0, earned - spent), account.Balance - account.Held);
        if (expire > 0)
        {
            var entry = await ledger.TryDebitAsync(userName, expire, LedgerSources.Expiry,
                $"{year.ToString(CultureInfo.InvariantCulture)} 年获得的积分到 {(year + 1).ToString(CultureInfo.InvariantCulture)} 年底未使用,按规则过期",
                $"expiry-{year.ToString(CultureInfo.InvariantCulture)}", "系统", now, ct);
            if (entry is null) expire = 0;
        }
        run.Points = expire;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return expire;
    }
}

/// <summary>
/// Runs <see cref="ExpirePoints"/> for every running township with VolunteerPoints, a few minutes after start and
/// then every six hours. Expiry is a year-end matter and notice holds are also released when their owner spends
/// (and ignored by the spendable balance once due), so a rare sweep is enough; each pass opens every township's
/// database once, which is why it is not run more often.
/// </summary>
internal sealed partial class PointsSweeper(ITownshipManager townships, ITownshipScopeFactory scopes, TimeProvider clock, ILogger<PointsSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);
    public static readonly TimeSpan FirstPassAfter = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Let start-up (migrations, demo seeding, the first requests) finish first.
            await Task.Delay(FirstPassAfter, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await SweepAllAsync(stoppingToken);
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task SweepAllAsync(CancellationToken ct)
    {
        foreach (var township in townships.List().Where(t => t.State == TownshipState.Running && t.IsEnabled(VolunteerFeatures.VolunteerPoints)))
        {
            try
            {
                await using var scope = scopes.CreateScope(township);
                await scope.ServiceProvider.GetRequiredService<ExpirePoints>().RunAsync(clock.GetUtcNow().UtcDateTime, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogFailed(logger, ex, township.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Points of township {Township} could not be swept (notice holds, expiry)")]
    private static partial void LogFailed(ILogger logger, Exception ex, string township);
}
