using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Settings;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.County;

/// <summary>Runs at the county: carries an acceptance or answer into the township's own scope (retried while the township is unavailable).</summary>
internal sealed class CountyAnswerHandler(ITownshipManager townships, ITownshipScopeFactory scopes) : IEventHandler<CountyReferralActed>
{
    public async Task HandleAsync(CountyReferralActed e, EventContext context, CancellationToken ct)
    {
        // A township that was removed from the catalog has no case left to answer.
        if (townships.Find(e.Township) is not { } township) return;
        if (township.State != TownshipState.Running || !township.IsEnabled(DisputeFeatures.DisputeRouting))
            throw new InvalidOperationException($"乡镇“{township.DisplayName}”暂不可用或未启用矛盾纠纷功能,县级答复稍后重试");
        await using var scope = scopes.CreateScope(township);
        await scope.ServiceProvider.GetRequiredService<ApplyCountyAnswer>().ExecuteAsync(e, context.MessageId, ct);
    }
}

/// <summary>
/// Runs in the township: writes the county's step on the case's timeline ("县级平台:…"), settles the case for 化解
/// (resolved at level county) or answers it for 引导诉讼, leaves it with the township for 不予受理, and completes the
/// workflow's waiting county task. Applied once per message (disputes_applied_events).
/// </summary>
internal sealed class ApplyCountyAnswer(DisputesDbContext db, IWorkflowRuntime workflows)
{
    /// <summary>The button of the county task each answer presses; 不予受理 presses none (the township carries on).</summary>
    public static string? WorkflowOutcome(string action) => action switch
    {
        ReferralOutcomes.Resolved => "调解成功",
        ReferralOutcomes.Litigation => "调解失败",
        _ => null,
    };

    public async Task ExecuteAsync(CountyReferralActed e, Guid messageId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            if (await db.AppliedEvents.AnyAsync(a => a.MessageId == messageId, ct)) break;
            db.AppliedEvents.Add(new AppliedEvent { MessageId = messageId, AppliedAt = e.At });
            var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == e.CaseId, ct);
            if (c is not null)
            {
                Apply(c, e);
                await HashChain.AppendAsync(db, c, e.At, CountyTimeline.Kind, e.Actor ?? ReferToCountyHandler.Actor, Note(e), isPublic: true, ct);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // A staff action or routing step changed the case meanwhile: read it again.
            }
        }
        // Also on a redelivery: completing is a no-op once no task waits for that button, and a crash after the
        // commit above must not leave the workflow waiting for ever.
        if (WorkflowOutcome(e.Action) is { } outcome)
            await workflows.CompleteTaskAsync(ReportDispute.CorrelationId(e.CaseId), outcome, ct);
    }

    private static string Note(CountyReferralActed e)
    {
        var text = string.IsNullOrWhiteSpace(e.Note) ? "" : $"。{e.Note.Trim()}";
        return e.Action switch
        {
            CountyActions.Accept => $"县级平台:已受理{text}",
            ReferralOutcomes.Resolved => $"县级平台:化解{text}",
            ReferralOutcomes.Litigation => $"县级平台:引导诉讼{text}",
            ReferralOutcomes.Declined => $"县级平台:不予受理,案件退回乡镇继续办理{text}",
            _ => $"县级平台:{e.Action}{text}",
        };
    }

    private static void Apply(DisputeCase c, CountyReferralActed e)
    {
        c.CountyStatus = e.Action == CountyActions.Accept ? ReferralStatus.Handling : ReferralStatus.Done;
        if (e.Action != CountyActions.Accept)
        {
            c.CountyOutcome = e.Action;
            c.CountyOutcomeText = e.Note;
            c.CountyOutcomeBy = e.Actor;
            c.CountyOutcomeAt = e.At;
        }
        // The township may have settled the case itself meanwhile: then the county's answer is only recorded.
        if (!c.IsOpen) return;
        switch (e.Action)
        {
            case ReferralOutcomes.Resolved:
                c.Status = CaseStatus.Resolved;
                c.Level = CaseLevels.County;
                c.ResolvedLevel = CaseLevels.County;
                c.ResolvedAt = e.At;
                c.PausedAt = null;
                c.PauseReason = null;
                break;
            case ReferralOutcomes.Litigation:
                // No agreement at the last level: the parties were told where to go (答复), as a failed county mediation is.
                c.Status = CaseStatus.Answered;
                c.PausedAt = null;
                c.PauseReason = null;
                break;
        }
    }
}
