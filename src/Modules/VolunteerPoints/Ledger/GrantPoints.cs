using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Users.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

public sealed record GrantRequest(string? UserName, int? Points, string? Reason);

/// <summary>A manual award with a reason, by staff.</summary>
public sealed class GrantPoints(PointsDbContext db, PointsLedger ledger, IUserDirectory users, TimeProvider clock)
{
    public const int MaxPoints = 100_000;

    public async Task<Validation> ValidateAsync(GrantRequest r, CancellationToken ct)
    {
        var v = new Validation().Required("userName", r.UserName, "用户名", PointsDbContext.UserNameLength).Required("reason", r.Reason, "发放原因", 200);
        if (r.Points is null) v.Add("points", "积分不能为空");
        else if (r.Points is <= 0 or > MaxPoints) v.Add("points", $"积分须为 1-{MaxPoints} 之间的整数");
        if (!string.IsNullOrWhiteSpace(r.UserName) && r.UserName.Length <= PointsDbContext.UserNameLength && await users.FindAsync(r.UserName.Trim(), ct) is null)
            v.Add("userName", $"本乡镇没有用户“{r.UserName.Trim()}”");
        return v;
    }

    public async Task<LedgerEntry> ExecuteAsync(GrantRequest r, string? by, CancellationToken ct)
    {
        var userName = (await users.FindAsync(r.UserName!.Trim(), ct))!.UserName;
        await ledger.EnsureAccountAsync(userName, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entry = await ledger.CreditAsync(userName, r.Points!.Value, LedgerSources.Grant, r.Reason!.Trim(), null, by, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return entry;
    }
}
