using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.DisputeRouting.Cases;

/// <summary>
/// Staff complete or correct the parties' 村民小组 on the case page (a case from the hotline or an older report may
/// lack them), so that the mediator screening sees them. The same length rule as the report; the change is an
/// internal, hash-chained timeline entry, and the case's concurrency token refuses a change made from a stale read.
/// </summary>
public static class PartyGroups
{
    public const string Kind = "party-groups";

    public static string Field(int partyId) => $"groups[{partyId}]";

    public static Validation Validate(IDictionary<int, string?>? groups)
    {
        var v = new Validation();
        if (groups is null || groups.Count == 0) return v.Add("groups", "没有要保存的村民小组");
        foreach (var (id, group) in groups) v.Optional(Field(id), group?.Trim(), "村民小组", ReportDispute.GroupLength);
        return v;
    }

    public static async Task<CaseActions.Result> SetAsync(DisputesDbContext db, int caseId, IDictionary<int, string?> groups, string? actor, DateTime now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var c = await db.Cases.Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null) return new(CaseActions.Outcome.NotFound, null);
        if (c.Status == CaseStatus.Closed) return new(CaseActions.Outcome.Conflict, c, "案件已办结,不能再修改当事人的村民小组");
        if (groups.Keys.Any(id => c.Parties.All(p => p.Id != id)))
            return new(CaseActions.Outcome.Invalid, c, "本案没有这位当事人,请刷新页面后重试");
        var changes = new List<string>();
        foreach (var p in c.Parties.OrderBy(p => p.Id))
        {
            if (!groups.TryGetValue(p.Id, out var value)) continue;
            var group = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (group == p.VillageGroup) continue;
            changes.Add($"{p.Name}:{p.VillageGroup ?? "未填"} → {group ?? "未填"}");
            p.VillageGroup = group;
        }
        if (changes.Count == 0) return new(CaseActions.Outcome.Done, c, "村民小组没有变化");
        await HashChain.AppendAsync(db, c, now, Kind, actor, "当事人村民小组:" + string.Join(";", changes), isPublic: false, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new(CaseActions.Outcome.Stale, c, "案件刚被他人更新,请刷新后重试");
        }
        return new(CaseActions.Outcome.Done, c, "当事人村民小组已保存");
    }
}
