using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Organisation;

/// <summary>
/// Who takes a case the workflow has just put at a level: the most specific 分派规则 (village+category, village,
/// category, level only); without one, the village's 调委会主任 (else its first person in charge) at village level
/// and a grid worker of the village at grid level; otherwise null, and the workflow's own assignee stands.
/// </summary>
public sealed class CaseAssignment(DisputesDbContext db, ITownshipDirectory directory)
{
    public const string MediationCommitteeHead = "调委会主任";

    public sealed record Choice(string Assignee, string Reason);

    public async Task<Choice?> ChooseAsync(DisputeCase c, string level, CancellationToken ct)
    {
        var rules = await db.AssignmentRules.AsNoTracking()
            .Where(r => r.Level == level && (r.Village == null || r.Village == c.Village) && (r.Category == null || r.Category == c.Category))
            .ToListAsync(ct);
        if (rules.OrderByDescending(r => r.Specificity).FirstOrDefault() is { } rule)
            return new(rule.DisplayName, $"按规则:{rule.Describe()} → {rule.DisplayName}");
        if (c.Village is null) return null;
        if (level == CaseLevels.Village)
        {
            var people = await directory.PeopleAsync(c.Village, ct);
            var person = people.FirstOrDefault(p => p.Duty == MediationCommitteeHead) ?? people.FirstOrDefault();
            if (person is not null) return new(person.Name, $"无分派规则,按组织架构:{c.Village}{person.Duty} → {person.Name}");
        }
        else if (level == CaseLevels.Grid)
        {
            var grids = (await directory.GridsAsync(c.Village, ct)).Where(g => g.WorkerName is not null).ToList();
            // A grid worker's own report stays with them; otherwise the village's first staffed grid.
            if (grids.FirstOrDefault(g => g.WorkerName == c.ReporterName) is { } own)
                return new(own.WorkerName!, $"无分派规则,按组织架构:上报人所在{c.Village}{own.Name}网格员 → {own.WorkerName}");
            if (grids.FirstOrDefault() is { } grid)
                return new(grid.WorkerName!, $"无分派规则,按组织架构:{c.Village}{grid.Name}网格员 → {grid.WorkerName}");
        }
        return null;
    }
}
