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
            referral = existing;
        }
        await MarkCaseAsync(c.Id, referral, ct);
    }

    private async Task MarkCaseAsync(int caseId, CountyReferral referral, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var c = await db.Cases.FirstAsync(x => x.Id == caseId, ct);
            if (c.CountyReferredAt is not null) return;
            c.CountyStatus = referral.Status;
            c.CountyReferredAt = referral.ReceivedAt;
            c.CountyDeadlineAt = referral.DeadlineAt;
            var due = TownshipTime.ToLocal(townships.Find(Township.HostName)!, referral.DeadlineAt);
            await HashChain.AppendAsync(db, c, referral.ReceivedAt, CountyTimeline.Kind, Actor,
                $"县级平台:已收到上交的案件,县级办理期限至 {due:yyyy-MM-dd}", isPublic: true, ct);
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
