using System.Text.Json;
using Zhizhi.Orchard.DisputeRouting.Cases;

namespace Zhizhi.Orchard.DisputeRouting.County;

public sealed record ReferralEntryDto(DateTimeOffset At, string Kind, string KindName, string? Level, string LevelName, string? Actor, string? Note);

/// <summary>One level the township worked the case at: from when to when, and what it did there.</summary>
public sealed record ReferralStageDto(string? Level, string LevelName, DateTimeOffset From, DateTimeOffset? To, IReadOnlyList<string> Steps);

public sealed record ReferralDto(
    int Id, string Township, string TownshipName, int CaseId, string CaseNo, string Title, string Description, string Category,
    string? Village, string Grade, string GradeName, string? Leader, DateTimeOffset ReportedAt, string? EscalationReason,
    IReadOnlyList<ReferralParty> Parties, IReadOnlyList<ReferralStageDto>? Tried, IReadOnlyList<ReferralEntryDto>? Timeline,
    DateTimeOffset ReferredAt, DateTimeOffset ReceivedAt, DateTimeOffset Deadline, bool Overdue,
    string Status, string StatusName, DateTimeOffset? AcceptedAt, string? AcceptedBy,
    string? Outcome, string? OutcomeName, string? OutcomeText, string? OutcomeBy, DateTimeOffset? OutcomeAt);

public sealed record ReferralList(int Total, int Page, int PageSize, IReadOnlyList<ReferralDto> Items);

public static class ReferralMapping
{
    public static bool IsOverdue(CountyReferral r, DateTime utcNow) => r.Status != ReferralStatus.Done && r.DeadlineAt < utcNow;

    /// <summary>The list leaves out the timeline and stages; the referral page and <c>GET …/{id}</c> carry them.</summary>
    public static ReferralDto ToDto(this CountyReferral r, Township county, DateTime utcNow, bool detail)
    {
        DateTimeOffset L(DateTime utc) => CaseMapping.Local(county, utc);
        var parties = JsonSerializer.Deserialize<List<ReferralParty>>(r.PartiesJson, CountyJson.Options) ?? [];
        List<ReferralEntryDto>? timeline = null;
        List<ReferralStageDto>? stages = null;
        if (detail)
        {
            var entries = JsonSerializer.Deserialize<List<ReferralEntry>>(r.TimelineJson, CountyJson.Options) ?? [];
            timeline = [.. entries.Select(e => new ReferralEntryDto(L(e.At), e.Kind, TimelineKinds.Chinese(e.Kind), e.Level, CaseLevels.Chinese(e.Level), e.Actor, e.Note))];
            stages = [.. Stages(entries).Select(s => s with { From = L(s.From.UtcDateTime), To = s.To is { } t ? L(t.UtcDateTime) : null })];
        }
        return new ReferralDto(r.Id, r.Township, r.TownshipName, r.CaseId, r.CaseNo, r.Title, r.Description, r.Category, r.Village,
            r.Grade, CaseGrades.Chinese(r.Grade), r.Leader, L(r.ReportedAt), r.EscalationReason, parties, stages, timeline,
            L(r.ReferredAt), L(r.ReceivedAt), L(r.DeadlineAt), IsOverdue(r, utcNow), r.Status, ReferralStatus.Chinese(r.Status),
            r.AcceptedAt is { } a ? L(a) : null, r.AcceptedBy, r.Outcome, r.Outcome is null ? null : ReferralOutcomes.Chinese(r.Outcome),
            r.OutcomeText, r.OutcomeBy, r.OutcomeAt is { } o ? L(o) : null);
    }

    /// <summary>
    /// What the township tried: the levels below the county in the order the timeline routed the case, each with
    /// its dates and the steps taken there (受理, 调解未成, 上交 … with their notes).
    /// </summary>
    public static IReadOnlyList<ReferralStageDto> Stages(IReadOnlyList<ReferralEntry> entries)
    {
        var stages = new List<ReferralStageDto>();
        string? level = null;
        DateTime from = default;
        var steps = new List<string>();
        void Close(DateTime? to)
        {
            if (level is not null && level != CaseLevels.County)
                stages.Add(new ReferralStageDto(level, CaseLevels.Chinese(level), new DateTimeOffset(from, TimeSpan.Zero), to is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null, [.. steps]));
        }
        foreach (var e in entries)
        {
            if (e.Kind is "routed" or "escalated")
            {
                Close(e.At);
                level = e.Level;
                from = DateTime.SpecifyKind(e.At, DateTimeKind.Utc);
                steps = [];
                continue;
            }
            if (level is not null && e.Kind is not ("reported" or CountyTimeline.Kind))
                steps.Add(TimelineKinds.Chinese(e.Kind) + (string.IsNullOrWhiteSpace(e.Note) ? "" : $":{e.Note}"));
        }
        Close(null);
        return stages;
    }
}
