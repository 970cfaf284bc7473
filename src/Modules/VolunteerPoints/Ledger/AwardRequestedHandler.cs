using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Users.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Rules;

namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

/// <summary>
/// Credits an award asked for by another module. The idempotency key is the primary key of points_received_awards,
/// inserted in the same transaction as the credit: a redelivered (or re-published) event awards nothing.
/// </summary>
internal sealed partial class AwardRequestedHandler(PointsDbContext db, PointsLedger ledger, RulesStore rulesStore, IUserDirectory users, TimeProvider clock,
    ILogger<AwardRequestedHandler> logger) : IEventHandler<PointsAwardRequested>
{
    public const int MaxPoints = 10_000;

    public async Task HandleAsync(PointsAwardRequested e, EventContext context, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(e.IdempotencyKey) || e.IdempotencyKey.Length > 100 || e.Points is <= 0 or > MaxPoints || string.IsNullOrWhiteSpace(e.Reason))
        {
            LogRefused(logger, e.IdempotencyKey, "invalid key, points or reason");
            return;
        }
        var user = await users.FindAsync(e.UserName?.Trim() ?? "", ct);
        if (user is null)
        {
            LogRefused(logger, e.IdempotencyKey, "unknown user");
            return;
        }
        if (await db.ReceivedAwards.AnyAsync(r => r.Key == e.IdempotencyKey, ct)) return;
        var rules = await rulesStore.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await ledger.EnsureAccountAsync(user.UserName, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var received = new ReceivedAward { Key = e.IdempotencyKey, UserName = user.UserName, Points = e.Points, At = now };
        db.ReceivedAwards.Add(received);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(received).State = EntityState.Detached;
            await tx.RollbackAsync(ct);
            return;
        }
        var entry = await ledger.CreditAsync(user.UserName, e.Points, LedgerSources.Award, e.Reason.Trim(), e.IdempotencyKey.Length <= 50 ? e.IdempotencyKey : e.IdempotencyKey[..50],
            string.IsNullOrWhiteSpace(e.Source) ? "系统" : e.Source, now, ct, CheckIn.HoldUntil(rules, now));
        await db.SaveChangesAsync(ct);
        received.LedgerEntryId = entry.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Points award {Key} was refused: {Why}")]
    private static partial void LogRefused(ILogger logger, string key, string why);
}
