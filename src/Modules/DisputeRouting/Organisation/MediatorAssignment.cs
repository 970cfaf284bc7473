using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Organisation;

/// <summary>
/// Case action "assignMediator": screens out mediators with a declared conflict naming a party or living in a party's
/// village group (同村民小组), then prefers the case category as specialty, then the fewest open cases (counted in the
/// database), then the lowest id. The choice and who was excluded, and why, go to the case timeline.
/// </summary>
public sealed class MediatorAssignment(DisputesDbContext db, IServiceProvider services, TimeProvider clock)
{
    public const string Action = "assignMediator";
    public const string NotEnabled = "本乡镇未启用调解室与调解员名录";

    public enum Outcome { Done, NotFound, Invalid, Conflict }

    public sealed record Result(Outcome Outcome, string? Message = null, string? Field = null);

    /// <summary>One mediator as screened for a case: why they are excluded (null if not), their open cases, specialty match.</summary>
    public sealed record Candidate(MediatorInfo Mediator, string? Excluded, int OpenCases, bool Specialist);

    private IMediatorDirectory? Directory => services.GetService<IMediatorDirectory>() is { IsAvailable: true } d ? d : null;

    public bool IsAvailable => Directory is not null;

    /// <summary>Why <paramref name="m"/> may not mediate case <paramref name="c"/>, or null.</summary>
    public static string? Screen(MediatorInfo m, DisputeCase c)
    {
        foreach (var p in c.Parties)
        {
            var conflict = m.Conflicts.FirstOrDefault(x => Names(x, p.Name));
            if (conflict is not null) return $"申报回避:与当事人{p.Name}有亲属或同户关系(“{conflict}”)";
        }
        if (m.VillageGroup is { } group && (m.Village is null || c.Village is null || m.Village == c.Village))
        {
            var party = c.Parties.FirstOrDefault(p => p.VillageGroup == group);
            if (party is not null) return $"与当事人{party.Name}同村民小组(“{group}”)";
        }
        return null;
    }

    /// <summary>A declared name matches a party when one contains the other ("张三户" and "张三"), ignoring one-character stubs.</summary>
    private static bool Names(string declared, string party)
        => declared == party || declared.Length >= 2 && party.Length >= 2 && (declared.Contains(party, StringComparison.Ordinal) || party.Contains(declared, StringComparison.Ordinal));

    /// <summary>Every active mediator screened for the case, the preferred first.</summary>
    public async Task<List<Candidate>> CandidatesAsync(DisputeCase c, CancellationToken ct)
    {
        if (Directory is not { } directory) return [];
        var active = (await directory.MediatorsAsync(ct)).Where(m => m.Active).ToList();
        var load = await OpenCasesAsync(c.Id, ct);
        return [.. active.Select(m => new Candidate(m, Screen(m, c), load.GetValueOrDefault(m.Id), m.Specialties.Contains(c.Category)))
            .OrderBy(x => x.Excluded is not null).ThenByDescending(x => x.Specialist).ThenBy(x => x.OpenCases).ThenBy(x => x.Mediator.Id)];
    }

    private async Task<Dictionary<int, int>> OpenCasesAsync(int exceptCase, CancellationToken ct)
        => await db.Cases.AsNoTracking().Where(CaseFilter.IsOpen)
            .Where(x => x.MediatorId != null && x.Id != exceptCase)
            .GroupBy(x => x.MediatorId!.Value).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);

    public async Task<Result> AssignAsync(int caseId, int? mediatorId, string? actor, CancellationToken ct)
    {
        if (!IsAvailable) return new(Outcome.Conflict, NotEnabled);
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var c = await db.Cases.Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == caseId, ct);
            if (c is null) return new(Outcome.NotFound, "没有这个纠纷案件");
            if (!c.IsOpen) return new(Outcome.Conflict, $"案件{CaseStatus.Chinese(c.Status)},不能再指派调解员");
            var candidates = await CandidatesAsync(c, ct);
            Candidate chosen;
            string why;
            if (mediatorId is { } id)
            {
                var all = await Directory!.MediatorsAsync(ct);
                var m = all.FirstOrDefault(x => x.Id == id);
                if (m is null) return new(Outcome.Invalid, $"没有编号为 {id} 的调解员", "mediatorId");
                if (!m.Active) return new(Outcome.Conflict, $"调解员{m.Name}已停用,不能指派");
                chosen = candidates.Single(x => x.Mediator.Id == id);
                if (chosen.Excluded is not null) return new(Outcome.Conflict, $"不能指派{m.Name}:{chosen.Excluded}");
                why = $"由{actor ?? "工作人员"}指定;在办案件 {chosen.OpenCases} 件";
            }
            else
            {
                var eligible = candidates.Where(x => x.Excluded is null).ToList();
                if (eligible.Count == 0)
                    return new(Outcome.Conflict, candidates.Count == 0 ? "调解员名录中没有在职的调解员" : $"没有可指派的调解员:{Exclusions(candidates)}");
                chosen = eligible[0];
                var peers = eligible.Where(x => x.Specialist == chosen.Specialist).ToList();
                var parts = new List<string> { chosen.Specialist ? $"擅长{c.Category}" : $"没有擅长{c.Category}的可指派调解员" };
                parts.Add(peers.Count > 1 ? $"在办案件 {chosen.OpenCases} 件,同等条件中最少" : $"在办案件 {chosen.OpenCases} 件");
                if (peers.Count(x => x.OpenCases == chosen.OpenCases) > 1) parts.Add("件数相同,取编号最小者");
                why = "系统选定:" + string.Join(",", parts);
            }
            var previous = c.MediatorName;
            c.MediatorId = chosen.Mediator.Id;
            c.MediatorName = chosen.Mediator.Name;
            var excluded = candidates.Where(x => x.Excluded is not null).ToList();
            var note = $"{(previous is null ? "指派" : $"改派(原为{previous})")}调解员 {chosen.Mediator.Name}:{why}"
                + (excluded.Count == 0 ? "" : $";排除:{Exclusions(candidates)}");
            await HashChain.AppendAsync(db, c, clock.GetUtcNow().UtcDateTime, Action, actor, note, isPublic: false, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return new(Outcome.Done);
            }
            catch (DbUpdateException)
            {
                // The case changed meanwhile (another action, the workflow): screen again on fresh data.
                if (attempt >= 5) return new(Outcome.Conflict, "案件刚被他人更新,请刷新后重试");
            }
        }
    }

    private static string Exclusions(IEnumerable<Candidate> candidates)
        => string.Join(";", candidates.Where(x => x.Excluded is not null).Select(x => $"{x.Mediator.Name}({x.Excluded})"));

    /// <summary>The HTTP answer of the action on POST /api/disputes/{id}/actions.</summary>
    public async Task<Results<Ok<CaseDto>, ValidationProblem, ProblemHttpResult>> ActAsync(int id, ActionRequest request, string? actor, Township township, CancellationToken ct)
    {
        var r = await AssignAsync(id, request.MediatorId, actor, ct);
        switch (r.Outcome)
        {
            case Outcome.NotFound: return Problems.NotFound(r.Message!);
            case Outcome.Invalid: return Problems.Invalid(r.Field!, r.Message!);
            case Outcome.Conflict: return Problems.Conflict(r.Message!);
        }
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstAsync(x => x.Id == id, ct);
        var timeline = await db.Timeline.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Seq).ToListAsync(ct);
        return TypedResults.Ok(c.ToDto(township, clock.GetUtcNow().UtcDateTime, Audience.Handler, timeline));
    }
}
