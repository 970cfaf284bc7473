using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Cases;

public sealed record ActionRequest(string? Action, string? Note, int? Satisfaction, string? Reason, string? Terms, bool? JudicialConfirmation,
    string? Grade = null, string? Leader = null,
    List<Obligations.ObligationItem?>? Obligations = null, int? ObligationId = null, string? Result = null, string? Path = null, int? MediatorId = null);

/// <summary>
/// The staff actions on a case and the state machine they obey. The case row changes under its concurrency
/// token, so of two staff acting at once one gets 409; resolve/fail/escalate then complete the workflow's
/// waiting task, and the workflow moves the case's level.
/// </summary>
public sealed class CaseActions(DisputesDbContext db, IWorkflowRuntime workflows, TimeProvider clock, Obligations.ObligationActions obligations)
{
    public static readonly string[] Names = ["accept", "resolve", "fail", "escalate", "close", "revisit", "pause", "resume", "note", "agreement", "classify", Organisation.MediatorAssignment.Action, "obligation"];

    /// <summary>What each action completes in the workflow: the user task's button of that name.</summary>
    public static string? WorkflowOutcome(string action) => action switch
    {
        "resolve" => "调解成功",
        "fail" => "调解失败",
        "escalate" => "上交",
        _ => null,
    };

    /// <summary>Stale: someone else changed the case between read and write (the database refused); trying again may succeed.</summary>
    public enum Outcome { Done, NotFound, Conflict, Stale, Invalid }

    public sealed record Result(Outcome Outcome, DisputeCase? Case, string? Message = null, IDictionary<string, string[]>? Errors = null);

    public static Validation Validate(ActionRequest? r)
    {
        var v = new Validation();
        if (r is null || string.IsNullOrWhiteSpace(r.Action)) return v.Add("action", "请选择操作(accept、resolve、fail、escalate、close、revisit 等)");
        if (!Names.Contains(r.Action)) return v.Add("action", $"未知的操作“{(r.Action.Length > 20 ? r.Action[..20] : r.Action)}”,可选:{string.Join("、", Names)}");
        v.Optional("note", r.Note, "说明", DisputesDbContext.NoteLength);
        if (r.Action == "revisit" && r.Satisfaction is null) v.Add("satisfaction", "回访须填写满意度(1-5)");
        if (r.Satisfaction is not null && r.Satisfaction is < 1 or > 5) v.Add("satisfaction", "满意度须为 1-5 之间的整数");
        if (r.Action == "pause") v.Required("reason", r.Reason, "暂停原因", 200);
        if (r.Action == "note") v.Required("note", r.Note, "备注", DisputesDbContext.NoteLength);
        if (r.Action == "agreement") v.Required("terms", r.Terms, "协议内容", DisputesDbContext.DescriptionLength);
        if (r.Action == "classify")
        {
            if (string.IsNullOrWhiteSpace(r.Grade)) v.Add("grade", "请选择等级:red 红、yellow 黄、blue 蓝");
            else if (!CaseGrades.All.Contains(r.Grade.Trim())) v.Add("grade", $"未知的等级“{(r.Grade.Length > 20 ? r.Grade[..20] : r.Grade)}”,可选:red 红、yellow 黄、blue 蓝");
            v.Optional("leader", r.Leader, "包案领导", CaseGrades.LeaderLength);
            if (r.Grade?.Trim() == CaseGrades.Red && string.IsNullOrWhiteSpace(r.Leader)) v.Add("leader", "红色等级的纠纷须指定包案领导");
        }
        Obligations.ObligationActions.Validate(r, v);
        return v;
    }

    public async Task<Result> ExecuteAsync(int id, ActionRequest r, string? actor, CancellationToken ct)
    {
        var c = await db.Cases.Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return new(Outcome.NotFound, null);
        var now = clock.GetUtcNow().UtcDateTime;
        var refusal = Apply(c, r, now);
        if (refusal is not null) return new(Outcome.Conflict, c, refusal);
        var step = await obligations.ApplyAsync(c, r, now, actor, ct);
        if (step?.Stop is { } stop) return stop;
        await HashChain.AppendAsync(db, c, now, r.Action!, actor, step?.Note ?? NoteOf(c, r), IsPublic(r.Action!), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new(Outcome.Stale, c, "案件刚被他人更新,请刷新后重试");
        }
        var correlationId = ReportDispute.CorrelationId(c.Id);
        if (WorkflowOutcome(r.Action!) is { } outcome)
            await workflows.CompleteTaskAsync(correlationId, outcome, ct);
        if (step?.Signal is { } signal) await obligations.InformWorkflowAsync(correlationId, signal, ct);
        // The workflow's deadline stops with the case's clock: paused timers keep their remaining time. A timer that a
        // step set while the case stays paused (e.g. the next level's deadline after a failed mediation) is paused too.
        if (r.Action == "resume") await workflows.ResumeTimersAsync(correlationId, ct);
        else if (c.PausedAt is not null) await workflows.PauseTimersAsync(correlationId, ct);
        return new(Outcome.Done, c);
    }

    private static bool IsPublic(string action) => action is not ("note" or "pause" or "resume" or "classify");

    private static string? NoteOf(DisputeCase c, ActionRequest r) => r.Action switch
    {
        "revisit" => $"满意度 {r.Satisfaction} 分" + (string.IsNullOrWhiteSpace(r.Note) ? "" : $";{r.Note.Trim()}"),
        "pause" => $"暂停原因:{r.Reason!.Trim()}" + (string.IsNullOrWhiteSpace(r.Note) ? "" : $";{r.Note.Trim()}"),
        "classify" => $"等级:{CaseGrades.Chinese(c.Grade)};包案领导:{c.Leader ?? "无"}" + (string.IsNullOrWhiteSpace(r.Note) ? "" : $";{r.Note.Trim()}"),
        "agreement" => $"调解协议已登记{(c.JudicialConfirmation ? ",申请司法确认" : "")}",
        "fail" when c.Status == CaseStatus.Answered => "县级调处未成,已告知当事人其他解决途径(如诉讼)" + (string.IsNullOrWhiteSpace(r.Note) ? "" : $";{r.Note.Trim()}"),
        _ => string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(),
    };

    /// <summary>
    /// Whether the state machine would take <paramref name="action"/> on the case as it is now (pages show only those buttons):
    /// the rules of <see cref="Apply"/> run on a copy of the case's state with a request that passes validation.
    /// </summary>
    public static bool Allows(DisputeCase c, string action)
    {
        var probe = new DisputeCase
        {
            CaseNo = c.CaseNo, Title = c.Title, Description = c.Description, Category = c.Category, Source = c.Source,
            Status = c.Status, Level = c.Level, PausedAt = c.PausedAt, DeadlineAt = c.DeadlineAt, Satisfaction = c.Satisfaction,
            Grade = c.Grade, Leader = c.Leader, AgreementTerms = c.AgreementTerms, JudicialConfirmation = c.JudicialConfirmation,
        };
        var request = new ActionRequest(action, "备注", 5, "原因", "协议", null, CaseGrades.Blue, "领导");
        return Apply(probe, request, DateTime.UtcNow) is null;
    }

    /// <summary>Changes the case for the action, or says in Chinese why the action does not fit its state.</summary>
    private static string? Apply(DisputeCase c, ActionRequest r, DateTime now)
    {
        var state = CaseStatus.Chinese(c.Status);
        switch (r.Action)
        {
            case "accept":
                if (c.Status is not (CaseStatus.Reported or CaseStatus.Escalated)) return $"案件{state},不能再受理";
                c.Status = CaseStatus.Accepted;
                return null;
            case "resolve":
                if (c.Status != CaseStatus.Accepted) return $"案件{state},须先受理调处才能登记调解成功";
                c.Status = CaseStatus.Resolved;
                c.ResolvedLevel = c.Level;
                c.ResolvedAt = now;
                if (!string.IsNullOrWhiteSpace(r.Terms)) c.AgreementTerms = r.Terms.Trim();
                if (r.JudicialConfirmation is { } jc) c.JudicialConfirmation = jc;
                return null;
            case "fail":
                if (c.Status != CaseStatus.Accepted) return $"案件{state},须先受理调处才能登记调解未成";
                // Past the county there is no level left: the parties are told where to go next (答复).
                c.Status = c.Level == CaseLevels.County ? CaseStatus.Answered : CaseStatus.Escalated;
                return null;
            case "escalate":
                if (!c.IsOpen) return $"案件{state},不能上交";
                if (c.Level == CaseLevels.County) return "案件已在县级平台,不能再上交";
                c.Status = CaseStatus.Escalated;
                return null;
            case "close":
                if (c.Status is not (CaseStatus.Resolved or CaseStatus.Answered or CaseStatus.Revisited)) return $"案件{state},须化解或答复后才能办结";
                c.Status = CaseStatus.Closed;
                c.ClosedAt = now;
                return null;
            case "revisit":
                if (c.Status is not (CaseStatus.Resolved or CaseStatus.Answered or CaseStatus.Closed)) return $"案件{state},化解或答复后才能回访";
                if (c.Satisfaction is not null) return "该案件已回访并评价过";
                c.Satisfaction = r.Satisfaction;
                if (c.Status != CaseStatus.Closed) c.Status = CaseStatus.Revisited;
                return null;
            case "pause":
                if (!c.IsOpen) return $"案件{state},无需暂停计时";
                if (c.PausedAt is not null) return "案件已暂停计时";
                c.PausedAt = now;
                c.PauseReason = r.Reason!.Trim();
                return null;
            case "resume":
                if (c.PausedAt is null) return "案件没有暂停计时";
                // The paused time does not count against the level's deadline (display and overdue flag).
                if (c.DeadlineAt is { } d) c.DeadlineAt = d + (now - c.PausedAt.Value);
                c.PausedAt = null;
                c.PauseReason = null;
                return null;
            case "note":
                return null;
            case "obligation":
                return null; // its state rules are the obligation's own: Obligations/ObligationActions
            case "classify":
                if (c.Status == CaseStatus.Closed) return $"案件{state},不能再定级";
                c.Grade = r.Grade!.Trim();
                c.Leader = string.IsNullOrWhiteSpace(r.Leader) ? null : r.Leader.Trim();
                return null;
            case "agreement":
                if (c.Status is not (CaseStatus.Accepted or CaseStatus.Resolved or CaseStatus.Revisited or CaseStatus.Closed)) return $"案件{state},受理调处后才能登记调解协议";
                c.AgreementTerms = r.Terms!.Trim();
                c.JudicialConfirmation = r.JudicialConfirmation ?? c.JudicialConfirmation;
                return null;
            case Organisation.MediatorAssignment.Action:
                return "指派调解员须经回避筛查,请通过案件办理接口或“指派调解员”页面办理";
            default:
                return "未知的操作";
        }
    }

    /// <summary>
    /// Runs the action, reading the case again when another writer (the routing workflow, another staff member) won
    /// the race: the state machine then decides on fresh data, so a real conflict still ends in 409.
    /// </summary>
    public async Task<Result> ExecuteWithRetryAsync(int id, ActionRequest r, string? actor, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var result = await ExecuteAsync(id, r, actor, ct);
            if (result.Outcome != Outcome.Stale || attempt >= 5) return result;
        }
    }

    /// <summary>The reporting resident rates a settled or closed case once (1-5).</summary>
    public async Task<Result> RateAsync(int id, string reporterId, int satisfaction, string? actor, CancellationToken ct)
    {
        var c = await db.Cases.Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id && x.ReporterId == reporterId, ct);
        if (c is null) return new(Outcome.NotFound, null);
        if (c.Status is not (CaseStatus.Resolved or CaseStatus.Answered or CaseStatus.Revisited or CaseStatus.Closed))
            return new(Outcome.Conflict, c, "案件办结后才能评价");
        if (c.Satisfaction is not null) return new(Outcome.Conflict, c, "您已评价过该案件");
        c.Satisfaction = satisfaction;
        await HashChain.AppendAsync(db, c, clock.GetUtcNow().UtcDateTime, "rating", actor, $"满意度 {satisfaction} 分", isPublic: true, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new(Outcome.Stale, c, "案件刚被更新,请刷新后重试");
        }
        return new(Outcome.Done, c);
    }
}
