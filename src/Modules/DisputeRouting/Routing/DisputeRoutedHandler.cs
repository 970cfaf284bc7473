using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Settings;
using Zhizhi.Orchard.Events;

namespace Zhizhi.Orchard.DisputeRouting.Routing;

/// <summary>Applies a routing step to the case and writes it to the timeline, once per outbox message.</summary>
internal sealed class DisputeRoutedHandler(DisputesDbContext db, TimeProvider clock, Organisation.CaseAssignment assignment) : IEventHandler<DisputeRouted>
{
    public const string Actor = "调处流程";

    public async Task HandleAsync(DisputeRouted e, EventContext context, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            if (await db.AppliedEvents.AnyAsync(a => a.MessageId == context.MessageId, ct)) return;
            var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == e.CaseId, ct);
            db.AppliedEvents.Add(new AppliedEvent { MessageId = context.MessageId, AppliedAt = clock.GetUtcNow().UtcDateTime });
            if (c is not null && c.IsOpen)
            {
                // Assignment rules and the organisation tree name the assignee; the workflow's own stands when neither does.
                var choice = await assignment.ChooseAsync(c, e.Level, ct);
                if (choice is not null) e = e with { Assignee = choice.Assignee };
                Apply(c, e);
                await AppendAsync(c, e, ct);
                if (choice is not null) await HashChain.AppendAsync(db, c, e.At, "assigned", Actor, choice.Reason, isPublic: false, ct);
                if (e.Level == CaseLevels.County) db.Publish(new County.CaseReferredToCounty(c.Id, e.At), clock.GetUtcNow().UtcDateTime);
            }
            else if (c is not null && c.Level is null)
            {
                // Staff settled the case before its first routing arrived: record the level it was settled at.
                _kind = "routed";
                c.Level = e.Level;
                c.Assignee = e.Assignee;
                if (c.ResolvedAt is not null) c.ResolvedLevel ??= e.Level;
                await AppendAsync(c, e, ct);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // A staff action changed the case meanwhile (or this message was applied by another node): read again.
            }
        }
    }

    private string? _kind;

    private void Apply(DisputeCase c, DisputeRouted e)
    {
        var up = CaseLevels.Rank(e.Level) > CaseLevels.Rank(c.Level) && c.Level is not null;
        _kind = c.Level is null ? "routed" : up ? "escalated" : "routed";
        c.Level = e.Level;
        c.DeadlineAt = e.DeadlineAt;
        c.LevelSince = HashChain.Normalize(e.At);
        c.Assignee = e.Assignee;
        if (c.PausedAt is not null) { c.PausedAt = null; c.PauseReason = null; }
        if (up) c.Status = CaseStatus.Escalated;
    }

    private Task AppendAsync(DisputeCase c, DisputeRouted e, CancellationToken ct)
    {
        var note = e.Note ?? (_kind == "escalated" ? $"上交{CaseLevels.Chinese(e.Level)}办理" : $"交{CaseLevels.Chinese(e.Level)}办理");
        if (e.Assignee is not null) note += $",承办:{e.Assignee}";
        return HashChain.AppendAsync(db, c, e.At, _kind!, Actor, note, isPublic: true, ct);
    }
}
