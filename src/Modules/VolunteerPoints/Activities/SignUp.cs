using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Activities;

/// <summary>
/// A place is taken by a conditional increment (SignedUp &lt; Capacity) and a row under a unique
/// (activity, user) index, in one transaction: no check-then-insert, whatever the concurrency.
/// </summary>
public sealed class SignUp(PointsDbContext db, TimeProvider clock)
{
    public enum Outcome { Done, NotFound, Full, AlreadySignedUp }

    public async Task<Outcome> ExecuteAsync(int activityId, string userName, CancellationToken ct)
    {
        if (!await db.Activities.AnyAsync(a => a.Id == activityId, ct)) return Outcome.NotFound;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.Activities.Where(a => a.Id == activityId && a.SignedUp < a.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SignedUp, a => a.SignedUp + 1), ct);
        if (taken == 0)
        {
            await tx.RollbackAsync(ct);
            return await db.Signups.AnyAsync(s => s.ActivityId == activityId && s.UserName == userName, ct) ? Outcome.AlreadySignedUp : Outcome.Full;
        }
        var signup = new Signup { ActivityId = activityId, UserName = userName, SignedUpAt = clock.GetUtcNow().UtcDateTime };
        db.Signups.Add(signup);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(signup).State = EntityState.Detached;
            await tx.RollbackAsync(ct);
            return Outcome.AlreadySignedUp;
        }
        await tx.CommitAsync(ct);
        return Outcome.Done;
    }

    public enum WithdrawOutcome { Done, NotSignedUp, AlreadyCheckedIn }

    /// <summary>Gives the place back: the row is deleted and the counter decremented in one transaction.</summary>
    public async Task<WithdrawOutcome> WithdrawAsync(int activityId, string userName, CancellationToken ct)
    {
        if (await db.Checkins.AnyAsync(c => c.ActivityId == activityId && c.UserName == userName, ct)) return WithdrawOutcome.AlreadyCheckedIn;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.Signups.Where(s => s.ActivityId == activityId && s.UserName == userName).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            await tx.RollbackAsync(ct);
            return WithdrawOutcome.NotSignedUp;
        }
        await db.Activities.Where(a => a.Id == activityId && a.SignedUp > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SignedUp, a => a.SignedUp - 1), ct);
        await tx.CommitAsync(ct);
        return WithdrawOutcome.Done;
    }
}
