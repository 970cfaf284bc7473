using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Events;

namespace Zhizhi.Orchard.DisputeRouting.County;

/// <summary>
/// Runs in the township: copies what the county needs into the county's inbox (idempotent on township and case),
/// then notes on the case and its timeline that the county has it.
/// </summary>
internal sealed class ReferToCountyHandler(DisputesDbContext db, ITownshipScopeFactory scopes, ITownshipManager townships, TimeProvider clock)
    : IEventHandler<CaseReferredToCounty>
{
    /// <summary>The county's time to answer, in working days on the county's calendar.</summary>
    public const int DeadlineWorkingDays = 15;

    public const string Actor = "县级平台";

    public async Task HandleAsync(CaseReferredToCounty e, EventContext context, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == e.CaseId, ct);
        if (c is null) return;
        var timeline = await db.Timeline.AsNoTracking().Where(x => x.CaseId == c.Id).OrderBy(x => x.Seq).ToListAsync(ct);
        var host = townships.Find(Township.HostName) ?? throw new InvalidOperationException("县级平台尚未建立,稍后重试");
        CountyReferral referral;
        await using (var scope = scopes.CreateScope(host))
        {
            var county = scope.ServiceProvider.GetRequiredService<CountyDbContext>();
            var existing = await county.Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.Township == context.Township.Name && r.CaseId == c.Id, ct);
            if (existing is null)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var calendar = scope.ServiceProvider.GetRequiredService<IWorkingCalendar>();
                var deadline = await calendar.AddWorkingDaysAsync(now, DeadlineWorkingDays, ct);
                county.Referrals.Add(existing = Snapshot(context.Township, c, timeline, e.At, now, deadline));
                try
                {
                    await county.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another delivery of the same message filed it first (unique township + case): use that row.
                    county.ChangeTracker.Clear();
                    existing = await county.Referrals.AsNoTracking().FirstAsync(r => r.Township == context.Township.Name && r.CaseId == c.Id, ct);
                }
            }
            else if (existing.Status == ReferralStatus.Done && e.At > existing.ReferredAt)
                existing = await ReopenAsync(county, scope.ServiceProvider.GetRequiredService<IWorkingCalendar>(), context.Township, c, timeline, e, existing, ct);
            referral = existing;
        }
        await MarkCaseAsync(c.Id, referral, ct);
    }

    /// <summary>
    /// The case is back at the county after the county answered it (declined and passed up again, or a county
    /// settlement that was not honoured and is mediated again): the same inbox row opens again with a fresh snapshot
    /// and deadline, and the earlier answer is cleared (the case's timeline keeps it). Of two deliveries at once the
    /// row's version lets one reopen it; the other reads the result.
    /// </summary>
    private async Task<CountyReferral> ReopenAsync(CountyDbContext county, IWorkingCalendar calendar, Township township, DisputeCase c,
        IReadOnlyList<TimelineEntry> timeline, CaseReferredToCounty e, CountyReferral existing, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var fresh = Snapshot(township, c, timeline, e.At, now, await calendar.AddWorkingDaysAsync(now, DeadlineWorkingDays, ct));
        var row = await county.Referrals.FirstAsync(r => r.Id == existing.Id, ct);
        (row.TownshipName, row.CaseNo, row.Title, row.Description, row.Category, row.Village, row.Grade, row.Leader, row.ReportedAt) =
            (fresh.TownshipName, fresh.CaseNo, fresh.Title, fresh.Description, fresh.Category, fresh.Village, fresh.Grade, fresh.Leader, fresh.ReportedAt);
        (row.EscalationReason, row.PartiesJson, row.TimelineJson, row.ReferredAt, row.ReceivedAt, row.DeadlineAt, row.Status) =
            (fresh.EscalationReason, fresh.PartiesJson, fresh.TimelineJson, fresh.ReferredAt, fresh.ReceivedAt, fresh.DeadlineAt, ReferralStatus.Pending);
        (row.AcceptedAt, row.AcceptedBy, row.Outcome, row.OutcomeText, row.OutcomeBy, row.OutcomeAt) = (null, null, null, null, null, null);
        row.Version++;
        try
        {
            await county.SaveChangesAsync(ct);
            return row;
        }
        catch (DbUpdateConcurrencyException)
        {
            county.ChangeTracker.Clear();
            return await county.Referrals.AsNoTracking().FirstAsync(r => r.Id == existing.Id, ct);
        }
    }

    private async Task MarkCaseAsync(int caseId, CountyReferral referral, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var c = await db.Cases.FirstAsync(x => x.Id == caseId, ct);
            // Already noted for this referral (a redelivery); a later receipt is the case coming back to the county.
            if (c.CountyReferredAt is { } noted && noted >= HashChain.Normalize(referral.ReceivedAt)) return;
            var again = c.CountyReferredAt is not null;
            c.CountyStatus = referral.Status;
            c.CountyReferredAt = referral.ReceivedAt;
            c.CountyDeadlineAt = referral.DeadlineAt;
            (c.CountyOutcome, c.CountyOutcomeText, c.CountyOutcomeBy, c.CountyOutcomeAt) = (null, null, null, null);
            var due = TownshipTime.ToLocal(townships.Find(Township.HostName)!, referral.DeadlineAt);
            await HashChain.AppendAsync(db, c, referral.ReceivedAt, CountyTimeline.Kind, Actor,
                $"县级平台:{(again ? "再次" : "已")}收到上交的案件,县级办理期限至 {due:yyyy-MM-dd}", isPublic: true, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Staff or the workflow changed the case meanwhile: read it again.
            }
        }
    }

    public static CountyReferral Snapshot(Township township, DisputeCase c, IReadOnlyList<TimelineEntry> timeline, DateTime referredAt, DateTime now, DateTime deadline)
    {
        var entries = timeline.Where(x => x.Public).OrderBy(x => x.Seq)
            .Select(x => new ReferralEntry(x.At, x.Kind, x.Level, x.Actor, x.Note)).ToList();
        var parties = c.Parties.OrderBy(p => p.Id).Select(p => new ReferralParty(p.Name, p.Phone is null ? null : CaseMapping.MaskPhone(p.Phone), p.Role)).ToList();
        return new CountyReferral
        {
            Township = township.Name, TownshipName = township.DisplayName, CaseId = c.Id, CaseNo = c.CaseNo, Title = c.Title,
            Description = c.Description, Category = c.Category, Village = c.Village, Grade = c.Grade, Leader = c.Leader,
            ReportedAt = c.ReportedAt, EscalationReason = EscalationReason(timeline),
            PartiesJson = JsonSerializer.Serialize(parties, CountyJson.Options), TimelineJson = JsonSerializer.Serialize(entries, CountyJson.Options),
            ReferredAt = referredAt, ReceivedAt = now, DeadlineAt = deadline, Status = ReferralStatus.Pending,
        };
    }

    /// <summary>The township's last failed or escalated step before the case reached the county, and the routing note.</summary>
    public static string? EscalationReason(IReadOnlyList<TimelineEntry> timeline)
    {
        var ordered = timeline.OrderBy(x => x.Seq).ToList();
        var arrival = ordered.FindLastIndex(x => x.Level == CaseLevels.County && x.Kind is "escalated" or "routed");
        if (arrival < 0) return null;
        var parts = new List<string>();
        var step = ordered.Take(arrival).LastOrDefault(x => x.Kind is "fail" or "escalate");
        if (step is not null)
            parts.Add($"{CaseLevels.Chinese(step.Level)}{TimelineKinds.Chinese(step.Kind)}" + (string.IsNullOrWhiteSpace(step.Note) ? "" : $":{step.Note}"));
        if (!string.IsNullOrWhiteSpace(ordered[arrival].Note)) parts.Add(ordered[arrival].Note!);
        return parts.Count == 0 ? null : string.Join(";", parts);
    }
}

internal static class CountyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

public static class CountyTimeline
{
    /// <summary>Timeline kind of every entry the county platform writes on a township's case.</summary>
    public const string Kind = "county";
}
