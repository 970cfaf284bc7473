using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Users.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Rules;

namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

public sealed record GrantRequest(string? UserName, int? Points, string? Reason);

public sealed record GrantDto(int Id, string UserName, int Points, string Reason, string Status, string RequestedBy, DateTimeOffset RequestedAt, string? DecidedBy);

/// <summary>
/// A manual award with a reason, by staff. Above the township's threshold it waits for a second administrator:
/// approval is a conditional update from "pending" that excludes the requester, so a grant is decided once and
/// never by the person who asked for it.
/// </summary>
public sealed class GrantPoints(PointsDbContext db, PointsLedger ledger, RulesStore rulesStore, IUserDirectory users, TimeProvider clock)
{
    public const int MaxPoints = 100_000;

    public enum Decision { Done, NotFound, OwnGrant, NotPending }

    public async Task<Validation> ValidateAsync(GrantRequest r, CancellationToken ct)
    {
        var v = new Validation().Required("userName", r.UserName, "用户名", PointsDbContext.UserNameLength).Required("reason", r.Reason, "发放原因", 200);
        if (r.Points is null) v.Add("points", "积分不能为空");
        else if (r.Points is <= 0 or > MaxPoints) v.Add("points", $"积分须为 1-{MaxPoints} 之间的整数");
        if (!string.IsNullOrWhiteSpace(r.UserName) && r.UserName.Length <= PointsDbContext.UserNameLength && await users.FindAsync(r.UserName.Trim(), ct) is null)
            v.Add("userName", $"本乡镇没有用户“{r.UserName.Trim()}”");
        return v;
    }

    /// <summary>True when this grant must wait for a second administrator.</summary>
    public async Task<bool> NeedsApprovalAsync(GrantRequest r, CancellationToken ct)
        => (await rulesStore.GetAsync(ct)).GrantApprovalAbove is { } above && r.Points > above;

    public async Task<LedgerEntry> ExecuteAsync(GrantRequest r, string? by, CancellationToken ct)
    {
        var userName = (await users.FindAsync(r.UserName!.Trim(), ct))!.UserName;
        var rules = await rulesStore.GetAsync(ct);
        await ledger.EnsureAccountAsync(userName, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entry = await ledger.CreditAsync(userName, r.Points!.Value, LedgerSources.Grant, r.Reason!.Trim(), null, by, now, ct, CheckIn.HoldUntil(rules, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return entry;
    }

    public async Task<PointsGrant> RequestAsync(GrantRequest r, string by, CancellationToken ct)
    {
        var userName = (await users.FindAsync(r.UserName!.Trim(), ct))!.UserName;
        var grant = new PointsGrant
        {
            UserName = userName, Points = r.Points!.Value, Reason = r.Reason!.Trim(), Status = GrantStatus.Pending, RequestedBy = by, RequestedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Grants.Add(grant);
        await db.SaveChangesAsync(ct);
        return grant;
    }

    public async Task<(Decision Decision, PointsGrant? Grant)> DecideAsync(int id, bool approve, string by, CancellationToken ct)
    {
        var grant = await db.Grants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grant is null) return (Decision.NotFound, null);
        if (string.Equals(grant.RequestedBy, by, StringComparison.OrdinalIgnoreCase)) return (Decision.OwnGrant, grant);
        var rules = await rulesStore.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (approve) await ledger.EnsureAccountAsync(grant.UserName, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var status = approve ? GrantStatus.Approved : GrantStatus.Refused;
        var rows = await db.Grants.Where(g => g.Id == id && g.Status == GrantStatus.Pending && g.RequestedBy != by)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, status).SetProperty(g => g.DecidedBy, by).SetProperty(g => g.DecidedAt, now), ct);
        if (rows == 0)
        {
            await tx.RollbackAsync(ct);
            return (Decision.NotPending, grant);
        }
        if (approve)
        {
            var entry = await ledger.CreditAsync(grant.UserName, grant.Points, LedgerSources.Grant, grant.Reason,
                $"grant-{grant.Id}", by, now, ct, CheckIn.HoldUntil(rules, now));
            await db.SaveChangesAsync(ct);
            await db.Grants.Where(g => g.Id == id).ExecuteUpdateAsync(s => s.SetProperty(g => g.LedgerEntryId, entry.Id), ct);
        }
        await tx.CommitAsync(ct);
        return (Decision.Done, await db.Grants.AsNoTracking().FirstAsync(g => g.Id == id, ct));
    }
}
